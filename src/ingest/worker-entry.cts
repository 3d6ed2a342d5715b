// Piscina loads a worker file with require() first. Node 20 can require() an ES module, but two tasks starting
// at once in one thread can make it instantiate the same module graph twice and abort the whole process
// (v8::Module::IsGraphAsync, seen in CI). This CommonJS entry is required safely and loads the ES module worker
// once, through import().
type Prepare = (window: ArrayBuffer) => ArrayBuffer;
let prepare: Promise<Prepare> | undefined;

async function prepareInWorker(window: ArrayBuffer): Promise<ArrayBuffer> {
  prepare ??= import("./worker.js").then((module: { default: Prepare }) => module.default);
  return (await prepare)(window);
}

export = prepareInWorker;
