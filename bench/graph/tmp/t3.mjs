import { forceManyBody, forceSimulation } from 'd3-force';
const N = 10000;
const nodes = Array.from({ length: N }, (_, i) => ({ index: i, x: Math.cos(i) * Math.sqrt(i) * 10, y: Math.sin(i) * Math.sqrt(i) * 10 }));
const sim = forceSimulation(nodes).stop().force('m', forceManyBody().theta(1.2));
let t = performance.now();
for (let i = 0; i < 10; i++) sim.tick();
console.log('manybody', ((performance.now() - t) / 10).toFixed(1), 'ms/tick');
