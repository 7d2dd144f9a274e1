for (const k of Object.getOwnPropertyNames(Date.prototype)) { if (k === 'constructor') continue;
  try { Date.prototype[k].call({}); console.log(k, 'ok'); } catch (e) { console.log(k, e.message); } }
try { Date.prototype[Symbol.toPrimitive].call({}, 'number'); } catch (e) { console.log(e.message); }
try { Date.prototype[Symbol.toPrimitive].call(1, 'number'); } catch (e) { console.log(e.message); }
