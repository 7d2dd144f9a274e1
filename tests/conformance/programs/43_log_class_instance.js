// console.log names the class of an instance.
class Account {
  constructor(owner) {
    this.owner = owner;
    this.balance = 0;
  }
}
class Savings extends Account {}
const a = new Account("Ann");
const s = new Savings("Sid");
console.log(a);
console.log(s);
console.log([a, s]);
console.log(Account, Savings);
checkpoint("accounts");
