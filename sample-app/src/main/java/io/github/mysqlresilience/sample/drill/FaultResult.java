package io.github.mysqlresilience.sample.drill;

/**
 * What callers saw during one fault.
 *
 * @param calls calls made from the fault's start to the end of its observation
 * @param errors errors surfaced to callers
 * @param writesLost transfers and deposits acknowledged to the caller but found on no
 * server
 * @param writesDuplicated transfers and deposits found twice
 * @param retries retries taken by the MySQL-aware retry
 * @param longestWaitMillis the longest a caller waited for one call
 * @param recoveryMillis from the fault's end to the first successful call, or -1
 * @param errorsAfterFault errors surfaced after the fault ended (the server back, the
 * failover done)
 * @param logins connections the application tried to open during the fault, counted at
 * the fault proxy (less the probe's knocks)
 * @param knocks the outage probe's knocks during the fault (TCP connections that only
 * wait for the server's greeting)
 * @param writesFailedButCommitted deposits whose caller got an error although they are
 * on a server (not counting those told their outcome was not known yet)
 * @param writesOutcomeUnknown writes whose caller was told that its COMMIT was lost and
 * its outcome not known yet (unresolved by the retry deadline, resolved in the
 * background)
 * @since 0.1.0
 */
public record FaultResult(int calls, int errors, int writesLost, int writesDuplicated, long retries,
		long longestWaitMillis, long recoveryMillis, int errorsAfterFault, int logins, int knocks,
		int writesFailedButCommitted, int writesOutcomeUnknown) {

}
