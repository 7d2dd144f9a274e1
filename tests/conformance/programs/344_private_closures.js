// Private names are lexically scoped: arrow functions and closures made inside a class read the private fields of
// instances they captured; a nested class sees the outer class's names and shadows one of its own.
class Node2 {
  #value;
  #next = null;
  constructor(value) {
    this.#value = value;
  }
  link(other) {
    this.#next = other;
    return other;
  }
  walker() {
    let cur = this;
    return () => {
      const v = cur && cur.#value;
      cur = cur && cur.#next;
      return v;
    };
  }
  inspector() {
    const outer = this;
    return new (class {
      #value = "shadow";
      read() {
        checkpoint("nested class");
        return outer.#value + "/" + this.#value;
      }
    })();
  }
}
const head = new Node2(1);
head.link(new Node2(2)).link(new Node2(3));
const next = head.walker();
console.log(next(), next());
checkpoint("walking");
console.log(head.inspector().read(), next(), next());
