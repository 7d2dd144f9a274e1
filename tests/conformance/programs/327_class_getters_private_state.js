// Class getters live on the prototype (one function for every instance); the instance holds only its data.
class Account {
  constructor(owner, cents) {
    this.owner = owner;
    this.cents = cents;
  }
  get balance() {
    return (this.cents / 100).toFixed(2);
  }
  set balance(v) {
    this.cents = Math.round(v * 100);
  }
}
const a = new Account("ann", 1050);
const b = new Account("bob", 99);
b.balance = 12.345;
checkpoint("two accounts");
console.log(a, b, a.balance, b.balance, Object.getOwnPropertyNames(Account.prototype));
const desc = Object.getOwnPropertyDescriptor(Account.prototype, "balance");
console.log(typeof desc.get, typeof desc.set, desc.enumerable, desc.configurable);
