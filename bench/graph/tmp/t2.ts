import { forceLink, forceManyBody, forceSimulation } from 'd3-force';
const N = 10000;
const nodes = Array.from({ length: N }, (_, i) => ({ index: i, x: Math.cos(i) * Math.sqrt(i) * 10, y: Math.sin(i) * Math.sqrt(i) * 10 }));
for (const [name, f] of [['manybody', () => forceManyBody().theta(1.2)], ['link', () => forceLink(Array.from({ length: 40000 }, () => ({ source: Math.floor(Math.random() * N), target: Math.floor(Math.random() * N) })))]] as const) {
  const sim = forceSimulation(nodes as any).stop().force(name, (f as any)());
  let t = performance.now();
  for (let i = 0; i < 10; i++) sim.tick();
  console.log(name, ((performance.now() - t) / 10).toFixed(1), 'ms/tick');
}
