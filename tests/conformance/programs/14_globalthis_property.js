// Properties put on globalThis live as long as the program.
globalThis.registry = { items: [] };
globalThis.version = 3;
registry.items.push({ name: "x" });
checkpoint("registered");
console.log(version, registry.items.length);
