// The timeline is the step runner's (src/steps/); rotation's modules and tests keep this import path.
export { Timeline, type StepResult, type TimelineEntry } from '../steps/timeline.js'
