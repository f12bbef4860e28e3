// A small ML-lecture vocabulary: prose built from it looks like the notes
// our users write, so word lengths and link density are realistic.
export const WORDS = `
model data modality modalities representation alignment fusion attention transformer encoder decoder
embedding embeddings vision language audio video image text token tokens sequence contrastive loss
objective gradient training inference dataset benchmark task tasks signal signals feature features
latent space joint coordinated shared private interaction interactions cross modal unimodal multimodal
learning supervised self pretraining finetuning prompt prompts caption captions retrieval generation
reasoning transference quantification heterogeneity connections structure graph graphs node nodes edge
layer layers network networks convolution recurrent memory state states policy reward agent agents
robot robotics speech sound spectrogram pixel pixels patch patches projection linear nonlinear kernel
distribution probability likelihood prior posterior variational autoencoder diffusion score noise
sampling temperature beam search decoding alignment grounding referring expression scene object objects
detection segmentation tracking temporal spatial hierarchical local global context contextual semantic
syntactic lexical discrete continuous symbolic neural hybrid module modules routing gating mixture
experts sparse dense bottleneck compression information mutual entropy redundancy uniqueness synergy
the of and to in a is that for on with as by this are be from at an it which we can not or
each their these between across both more than when how what where also into only such over under
example examples method methods approach approaches result results paper papers author authors
lecture week slide slides question questions answer answers challenge challenges property properties
`.trim().split(/\s+/);

export function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
