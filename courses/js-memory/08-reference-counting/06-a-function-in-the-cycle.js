function makeButton(label) {
  const button = { label: label, clicks: 0 };
  button.onClick = () => {
    button.clicks = button.clicks + 1;
    return button.clicks;
  };
  return button;
}
let b = makeButton("save");
b.onClick();
console.log(b.onClick());
checkpoint("A");
b = null;
checkpoint("B");
