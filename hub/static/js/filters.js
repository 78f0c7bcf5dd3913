/* Progressive enhancement: a filter form (data-apply-on-change) applies as soon as a select
   or checkbox changes. Without JavaScript its "Apply filters" button does the same. */
(function () {
  "use strict";
  document.querySelectorAll("form[data-apply-on-change]").forEach(function (form) {
    form.addEventListener("change", function (event) {
      var field = event.target;
      if (field.tagName === "SELECT" || field.type === "checkbox" || field.type === "radio") {
        form.submit();
      }
    });
  });
}());
