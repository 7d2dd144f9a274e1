const t = (label, f) => { try { console.log(label, f()); } catch (e) { console.log(label, "THROW", e.name + ": " + e.message); } };
t("create null", () => Object.create({}, null));
t("create str", () => Object.create({}, "ab"));
t("create empty str", () => Object.create({}, ""));
t("create num", () => Object.create({}, 5));
t("entries getter", () => { const o = { get a() { delete this.b; return 1; }, b: 2, c: 3 }; return [Object.entries(o), Object.values({ get a() { Object.defineProperty(this, "b", {enumerable: false}); return 1; }, b: 2 })]; });
t("fromEntries define", () => { Object.defineProperty(Object.prototype, "k", { set(v) { throw new Error("setter"); }, configurable: true }); const r = Object.fromEntries([["k", 1]]); delete Object.prototype.k; return r; });
