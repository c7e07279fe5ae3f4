// A little help, never needed: the filters apply when changed, and the "hold right" choices show
// only for a resolved review. Without this file every page works the same.
document.addEventListener("DOMContentLoaded", () => {
  for (const select of document.querySelectorAll("form.filters select")) {
    select.addEventListener("change", () => select.form.submit());
  }
  const review = document.querySelector("form.review");
  if (review) {
    const show = () => { review.dataset.status = (review.querySelector("input[name=status]:checked") || {}).value || ""; };
    review.addEventListener("change", show);
    show();
  }
});
