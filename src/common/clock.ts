import { Injectable } from '@nestjs/common';

/**
 * The shell's only source of time. The pure core never reads a clock; services take "now" from here so
 * tests can move time instead of sleeping.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
