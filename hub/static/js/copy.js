// "Copy" buttons: <button data-copy="element id" hidden>; shown only where the clipboard works.
document.querySelectorAll("button[data-copy]").forEach((button) => {
  const source = document.getElementById(button.dataset.copy);
  if (!source || !navigator.clipboard) return;
  const label = button.textContent;
  button.hidden = false;
  button.addEventListener("click", async () => {
    await navigator.clipboard.writeText(source.textContent.trim());
    button.textContent = button.dataset.copied;
    setTimeout(() => { button.textContent = label; }, 2500);
  });
});
