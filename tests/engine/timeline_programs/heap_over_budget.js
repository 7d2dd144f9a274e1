let small = {keep: 1};
let many = new Array(21000).fill(0);
many[0] = small;
checkpoint("over");
many = null;
gc();
small.after = {back: true};
checkpoint("back");
