"""The demo course: lessons drawn from shared/seed/js-memory-article.txt, and exercises whose programs use only
what the engine teaches (functions, objects, arrays, closures, classes, gc()). Data only; load_demo saves it."""

from __future__ import annotations

from typing import Any

COURSE = {
    "slug": "js-memory",
    "title": "How JavaScript uses memory",
    "description": "Predict the stack, the heap and the garbage collector at marked lines of small programs.",
}

STACK_LESSON = """\
When a function is invoked, its context (its variables and arguments, and where to return to) is **pushed** onto
the call stack. The function runs until it returns a value or throws; then its frame is **popped** off.

- The stack is *last in, first out*: the last function called is the first to return.
- In the exercises the stack is listed **innermost first**, ending with `<global>`, the script itself.
- Calling too many functions without returning, as runaway recursion does, overflows the stack:
  `RangeError: Maximum call stack size exceeded`.
"""

HEAP_LESSON = """\
The heap is where JavaScript stores **objects and functions**. Memory there is allocated as needed
(*dynamic allocation*), and each object is reached through **references**.

- Variables on the stack hold references to objects on the heap; objects can hold references to each other.
- An object stays alive while some chain of references leads to it from a *root*: the global scope or a frame on
  the stack. Such an object is **reachable**.
- In the exercises each place in the code that creates an object (`{`, `[`, `new`, `function`, `class`) has a
  letter, A, B, C...; when one place creates several objects they are told apart as B#1, B#2...
"""

GC_LESSON = """\
Garbage collection frees memory occupied by objects that are no longer accessible. When a function returns, any
objects it created that are no longer referenced become eligible.

- **Mark and sweep** (what JavaScript engines do) marks everything reachable from the roots and frees the rest,
  cycles included. In the exercises, `gc()` runs a full collection.
- **Reference counting** frees an object when nothing refers to it any more. It can never free objects on a
  *cycle* (two objects that refer to each other), nor anything reachable only from one: those leak.
- A **closure** keeps alive the variables of its enclosing function that it (or a sibling closure) uses.
"""

FRAMES = """\
function square(n) {
  const result = n * n;
  checkpoint("A");
  return result;
}
function sumOfSquares(a, b) {
  return square(a) + square(b);
}
const total = sumOfSquares(3, 4);
console.log("total", total);
"""

TOO_DEEP = """\
function countDown(n) {
  if (n === 0) {
    checkpoint("bottom");
    return 0;
  }
  return 1 + countDown(n - 1);
}
function forever(n) {
  return forever(n + 1);
}
console.log(countDown(3));
forever(0);
console.log("never printed");
"""

REACH = """\
let a = { name: "a" };
let b = { name: "b", friend: a };
let c = [a, b];
a = null;
c = null;
checkpoint("A");
"""

CYCLES = """\
function makePair() {
  const left = { side: "left" };
  const right = { side: "right" };
  left.other = right;
  right.other = left;
  return left;
}
let pair = makePair();
let single = { alone: true };
pair = null;
single = null;
checkpoint("A");
gc();
checkpoint("B");
"""

CLOSURES = """\
function makeCounter(start) {
  let count = start;
  const big = [1, 2, 3];
  return function increment() {
    count = count + 1;
    return count;
  };
}
const counters = [];
for (let i = 0; i < 2; i++) {
  counters.push(makeCounter(i * 10));
}
counters.pop();
checkpoint("A");
console.log(counters[0]());
"""


def q(kind: str, prompt: str, checkpoint: str = "", points: int = 2, **config: Any) -> dict[str, Any]:
    return {"kind": kind, "prompt": prompt, "checkpoint": checkpoint, "points": points, "config": config}


MODULES: list[dict[str, Any]] = [
    {
        "title": "The call stack",
        "lesson": STACK_LESSON,
        "exercises": [
            {
                "title": "Frames on the stack",
                "instructions": "The program pauses at checkpoint A each time `square` runs. Predict the stack.",
                "program": FRAMES,
                "questions": [
                    q("stack", "The first time the program reaches checkpoint A, which frames are on the stack, "
                      "innermost first?", "A"),
                    q("locals", "The second time it reaches checkpoint A, what are n and result in the innermost "
                      "frame?", "A", frame=0, variables=["n", "result"], occurrence=2),
                    q("output", "What does the program print?", points=1),
                    q("multiple_choice", "What happens to the frame of square when it returns?", points=1,
                      choices=["It stays on the stack until the program ends",
                               "It is popped off the stack",
                               "It moves to the heap"], correct=1),
                ],
            },
            {
                "title": "Too deep",
                "instructions": "countDown recurses a few times; forever never stops.",
                "program": TOO_DEEP,
                "questions": [
                    q("stack", "At checkpoint bottom, which frames are on the stack, innermost first?", "bottom"),
                    q("output", "What does the program print before it ends?", points=1),
                    q("overflow", "Does the program end with a stack overflow, and on which line is the call "
                      "that overflows?"),
                ],
            },
        ],
    },
    {
        "title": "The heap and references",
        "lesson": HEAP_LESSON,
        "exercises": [
            {
                "title": "Who can still reach it?",
                "instructions": "Three objects are created, then two variables are cleared.",
                "program": REACH,
                "questions": [
                    q("reachable", "At checkpoint A, which objects are still reachable?", "A"),
                    q("locals", "At checkpoint A, what do a and b hold?", "A", frame=0, variables=["a", "b"]),
                    q("gc_freed", "If gc() ran at checkpoint A, which objects would it free?", "A"),
                ],
            },
        ],
    },
    {
        "title": "Garbage collection",
        "lesson": GC_LESSON,
        "exercises": [
            {
                "title": "Cycles and reference counting",
                "instructions": "makePair builds two objects that refer to each other.",
                "program": CYCLES,
                "questions": [
                    q("refcount_leak", "At checkpoint A, which unreachable objects could reference counting never "
                      "free?", "A"),
                    q("gc_freed", "Which objects does the gc() right after checkpoint A free?", "A"),
                    q("reachable", "At checkpoint B, which objects are still reachable?", "B"),
                    q("multiple_choice", "Why does mark and sweep free the pair when reference counting cannot?",
                      points=1,
                      choices=["Because it starts from the roots, so a cycle nobody reaches is never marked",
                               "Because it counts references twice",
                               "Because objects on a cycle are stored on the stack"], correct=0),
                ],
            },
            {
                "title": "Closures keep memory alive",
                "instructions": "Each call of makeCounter returns a closure; one of them is dropped.",
                "program": CLOSURES,
                "questions": [
                    q("reachable", "At checkpoint A, which objects are still reachable?", "A"),
                    q("locals", "At checkpoint A, what does counters hold?", "A", frame=0, variables=["counters"]),
                    q("output", "What does the program print?", points=1),
                    q("multiple_choice", "Why is the array [1, 2, 3] not kept alive by the closure?", points=1,
                      choices=["Arrays are never kept by closures",
                               "No inner function uses big, so it is not in the closure's scope",
                               "gc() was called"], correct=1),
                ],
            },
        ],
    },
]

TEACHER = {"username": "teacher", "password": "teach-memory-2024", "email": "teacher@example.com"}
STUDENT = {"username": "student", "password": "learn-memory-2024", "email": "student@example.com"}
