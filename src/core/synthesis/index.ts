/**
 * Data synthesis: a run's decision trace and labelled memory cases → post-training datasets
 * (SFT chat records and decision preference pairs) with their JSON Schemas. See docs/synthesis.md.
 */
export * from './bare-layout';
export * from './canonical-json.writer';
export * from './dataset.synthesizer';
export * from './json-schema.validator';
export * from './model-exchanges';
export * from './model-records.builder';
export * from './preference-pair.selector';
export * from './preference-record.builder';
export * from './prompt-inputs.from-trace';
export * from './record-metadata.builder';
export * from './sft-label.filter';
export * from './sft-record.builder';
export * from './synthesis.schema';
export * from './synthesis.types';
export * from './trace-bars.reader';
