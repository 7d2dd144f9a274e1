// Numbers print in their shortest round-trip form.
console.log(0.1 + 0.2, 1 / 3, 2 / 3, 10 / 4);
console.log(1e21, 1e-7, 123456789012345680000, 0.000001);
console.log(2 ** 53, 2 ** 53 + 1, -1.5e-10, 5e-324);
console.log((1234.5678).toFixed(2), (0.5).toString(), String(-0), (255).toString(16));
console.log(parseInt("42px"), parseFloat("3.14abc"), Number("12"), Number("x"), +"  7  ");
