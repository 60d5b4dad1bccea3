import { describe, expect, it, jest } from '@jest/globals'
import { startStepDeadline } from '../../src/runtime/step-deadline.js'

describe('runtime/step-deadline.ts', () => {
  it('calls the expiry after action-timeout-s, and not once cancelled', () => {
    jest.useFakeTimers()
    try {
      const expired = jest.fn()
      startStepDeadline(3, expired)
      jest.advanceTimersByTime(2_999)
      expect(expired).not.toHaveBeenCalled()
      jest.advanceTimersByTime(1)
      expect(expired).toHaveBeenCalledWith(3)
      const cancelledExpiry = jest.fn()
      startStepDeadline(1, cancelledExpiry)()
      jest.advanceTimersByTime(5_000)
      expect(cancelledExpiry).not.toHaveBeenCalled()
    } finally {
      jest.useRealTimers()
    }
  })

  it('sets no deadline for 0', () => {
    jest.useFakeTimers()
    try {
      const expired = jest.fn()
      startStepDeadline(0, expired)
      jest.advanceTimersByTime(10 ** 9)
      expect(expired).not.toHaveBeenCalled()
    } finally {
      jest.useRealTimers()
    }
  })
})
