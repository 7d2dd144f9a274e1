// Two objects that point at each other: both stay reachable through either name.
const alice = { name: "Alice", friend: null };
const bob = { name: "Bob", friend: alice };
alice.friend = bob;
checkpoint("friends");
console.log(alice.friend.name, bob.friend.name);
