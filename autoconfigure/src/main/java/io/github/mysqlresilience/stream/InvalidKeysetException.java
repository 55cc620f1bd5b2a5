package io.github.mysqlresilience.stream;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * The key of a keyset scan is not a unique, {@code NOT NULL} set of columns of what it
 * scans: the scan would skip or repeat rows, so it does not start.
 *
 * @since 0.1.0
 */
public class InvalidKeysetException extends InvalidDataAccessApiUsageException {

	/**
	 * Create a new instance.
	 * @param message what is wrong with the key
	 */
	public InvalidKeysetException(String message) {
		super(message);
	}

}
