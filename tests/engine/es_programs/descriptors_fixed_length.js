'use strict';
const arr3 = [1, 2]; Object.defineProperty(arr3, 'length', { writable: false });
try { arr3[5] = 1; } catch (e) { console.log(e.message); }
try { arr3.unshift(1); } catch (e) { console.log(e.message); }
try { arr3.splice(0, 0, 1); } catch (e) { console.log(e.message); }
try { Object.defineProperty(arr3, 5, {value: 1}); } catch (e) { console.log(e.message); }
try { arr3.pop(); } catch (e) { console.log(e.message, arr3); }
