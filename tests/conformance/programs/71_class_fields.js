// A class field holding an arrow function gives every instance its own function.
class Button {
  clicks = 0;
  onClick = () => {
    this.clicks++;
    checkpoint("clicked");
  };
  constructor(label) {
    this.label = label;
  }
}
const ok = new Button("OK");
const handler = ok.onClick;
handler();
console.log(ok.clicks, ok.label);
