// Vitest setup for every test file (unit and end-to-end): the temporary folders it made are removed after it.
import { afterAll } from 'vitest';
import { removeTempDirs } from './temp.ts';

afterAll(removeTempDirs);
