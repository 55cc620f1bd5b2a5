package io.github.mysqlresilience.stream;

import org.jspecify.annotations.Nullable;

/**
 * An open keyset scan read row by row, which knows where it stands: after each row,
 * {@link #position()} is the token to persist so that a scan resumed from it
 * ({@link KeysetScanner#resumeFrom(ResumeToken)}) delivers the rows after that one. Spring
 * Batch's {@code KeysetItemReader} is built on it. Not thread-safe; close it when done.
 *
 * @param <T> the type of the rows
 * @since 0.1.0
 */
public interface KeysetCursor<T> extends AutoCloseable {

	/**
	 * Return the next row, reading the next chunk when needed.
	 * @return the row, or {@code null} when the scan has no more rows
	 * @throws IllegalStateException if the row mapper returned {@code null}
	 */
	@Nullable T next();

	/**
	 * Return where the scan stands: every row returned by {@link #next()} so far counts as
	 * delivered.
	 * @return the resume token
	 */
	ResumeToken position();

	/**
	 * Release the cursor; with a parallel scan, stop its reader threads.
	 */
	@Override
	void close();

}
