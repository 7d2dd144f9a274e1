function send(message) {
  console.log("sent", message.text, message.attachments.length);
}
let draft = { text: "hello", attachments: ["a.png", "b.pdf"] };
{% if keep == "yes" %}const timer = {% endif %}setTimeout(send, {{ delay }}, draft);
draft = null;
setTimeout(function inspect() {
  checkpoint("A");
  console.log("inspect");
}, 50);
