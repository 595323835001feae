// backcoach: progressive enhancement only. Every form works without this file; it adds
// the rest timer, the upload's progress bar, the form-check job's live progress, and
// buttons on the report's fault times that show that moment of the video.
(function () {
  "use strict";

  function restTimer(box) {
    var left = parseInt(box.getAttribute("data-seconds"), 10);
    var clock = box.querySelector(".clock");
    if (!clock || !(left > 0)) return;
    var end = Date.now() + left * 1000;
    function tick() {
      var s = Math.max(0, Math.round((end - Date.now()) / 1000));
      var m = Math.floor(s / 60);
      clock.textContent = m > 0 ? m + ":" + String(s % 60).padStart(2, "0") : s + " s";
      if (s <= 0) {
        box.classList.add("done");
        box.querySelector("p").textContent = "Rest over: next set.";
        if (navigator.vibrate) navigator.vibrate(200);
        return;
      }
      setTimeout(tick, 250);
    }
    tick();
  }

  function csrfOf(form) {
    var field = form.querySelector("input[name=csrf_token]");
    return field ? field.value : "";
  }

  function showError(form, message) {
    var box = form.querySelector("#upload-error");
    if (box) {
      box.textContent = message;
      box.hidden = false;
    }
  }

  function uploadForm(form) {
    form.addEventListener("submit", function (event) {
      if (!window.FormData || !window.XMLHttpRequest) return; // plain post instead
      event.preventDefault();
      var data = new FormData();
      var file = form.querySelector("input[type=file]").files[0];
      if (!file) return;
      data.append("file", file, file.name);
      var exercise = form.querySelector("select[name=exercise]").value;
      if (exercise) data.append("exercise", exercise);
      var bar = form.querySelector("#upload-bar");
      var label = form.querySelector("#upload-label");
      form.querySelector("#upload-progress").hidden = false;
      form.querySelector("#upload-error").hidden = true;
      form.querySelector("button[type=submit]").disabled = true;
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.getAttribute("data-api"));
      xhr.setRequestHeader("X-CSRF-Token", csrfOf(form));
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) {
          var pct = Math.round((100 * e.loaded) / e.total);
          bar.value = pct;
          label.textContent = "Uploading… " + pct + "%";
        }
      });
      xhr.addEventListener("load", function () {
        var body = {};
        try { body = JSON.parse(xhr.responseText); } catch (e) { body = {}; }
        if (xhr.status === 202 && body.id) {
          label.textContent = "Uploaded. Checking your form…";
          window.location.assign("/form-check/" + encodeURIComponent(body.id));
        } else {
          form.querySelector("button[type=submit]").disabled = false;
          showError(form, (body.detail || "The upload failed.") + " " + (body.hint || ""));
        }
      });
      xhr.addEventListener("error", function () {
        form.querySelector("button[type=submit]").disabled = false;
        showError(form, "The upload failed: the connection was lost. Try again.");
      });
      xhr.send(data);
    });
  }

  function followJob(box) {
    var api = box.getAttribute("data-api");
    var bar = document.getElementById("job-bar");
    var stage = document.getElementById("job-stage");
    var percent = document.getElementById("job-percent");
    function poll() {
      fetch(api, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (job) {
          if (job.status === "done" || job.status === "failed") {
            window.location.reload();
            return;
          }
          var pct = Math.round(100 * (job.progress || 0));
          bar.value = pct;
          percent.textContent = pct;
          if (job.stage) stage.textContent = job.stage + "…";
          setTimeout(poll, 1000);
        })
        .catch(function () { setTimeout(poll, 3000); });
    }
    setTimeout(poll, 700);
  }

  // Each fault's time (a plain "1.2 s" without this file) becomes a button that shows
  // that moment of the annotated video, paused, with the cue drawn on it.
  function seekButtons(video) {
    var times = document.querySelectorAll(".at[data-seek]");
    for (var i = 0; i < times.length; i++) {
      var at = times[i];
      var seconds = parseFloat(at.getAttribute("data-seek"));
      if (!(seconds >= 0)) continue;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "seek";
      button.textContent = "▶ " + at.textContent;
      button.setAttribute("aria-label", "Show the video at " + at.textContent);
      button.addEventListener("click", seekTo.bind(null, video, seconds));
      at.replaceWith(button);
    }
    var help = document.querySelector(".seek-help");
    if (help && times.length) help.hidden = false;
  }

  function seekTo(video, seconds) {
    video.pause();
    video.currentTime = seconds;
    video.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var timer = document.getElementById("rest-timer");
    if (timer) restTimer(timer);
    var form = document.getElementById("upload-form");
    if (form) uploadForm(form);
    var job = document.getElementById("job-status");
    if (job) followJob(job);
    var video = document.getElementById("fc-video");
    if (video) seekButtons(video);
  });
})();
