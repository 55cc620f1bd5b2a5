package io.github.mysqlresilience.error;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The throwables reachable from a failure through {@link Throwable#getCause()},
 * {@link SQLException#getNextException()}, {@link Throwable#getSuppressed()} and the
 * application exception of Spring's {@code TransactionSystemException}, outermost
 * first (depth first: a cause before a next exception before suppressed ones). Cycles are
 * visited once, the walk is bounded, and accessors that throw are treated as absent.
 */
final class ExceptionGraph {

	static final int MAX_NODES = 64;

	private static final String TRANSACTION_SYSTEM_EXCEPTION = "org.springframework.transaction.TransactionSystemException";

	private ExceptionGraph() {
	}

	static List<Throwable> walk(@Nullable Throwable root) {
		if (root == null) {
			return List.of();
		}
		List<Throwable> nodes = new ArrayList<>(8);
		Deque<Throwable> pending = new ArrayDeque<>(8);
		pending.push(root);
		while (!pending.isEmpty() && nodes.size() < MAX_NODES) {
			Throwable node = pending.pop();
			if (!containsIdentical(nodes, node)) {
				nodes.add(node);
				pushChildren(node, pending);
			}
		}
		return nodes;
	}

	/**
	 * Identity, not equality (which an exception may override, or make throw); a linear
	 * search is cheaper than a set for the few nodes of a real chain.
	 */
	private static boolean containsIdentical(List<Throwable> nodes, Throwable candidate) {
		for (int i = 0; i < nodes.size(); i++) {
			if (nodes.get(i) == candidate) {
				return true;
			}
		}
		return false;
	}

	private static void pushChildren(Throwable node, Deque<Throwable> pending) {
		Throwable[] suppressed = suppressed(node);
		for (int i = suppressed.length - 1; i >= 0; i--) {
			pushIfPresent(pending, suppressed[i]);
		}
		if (node instanceof SQLException sqlException) {
			pushIfPresent(pending, nextException(sqlException));
		}
		pushIfPresent(pending, cause(node));
		pushIfPresent(pending, applicationException(node));
	}

	/**
	 * Spring's {@code TransactionSystemException} that a failed rollback threw in place of
	 * the method's own failure keeps that failure aside, not as its cause: it is the first
	 * answer, so it is walked too (visited first: pushed last). Read by name, since this
	 * package knows nothing of Spring.
	 */
	private static @Nullable Throwable applicationException(Throwable node) {
		for (Class<?> type = node.getClass(); type != null; type = type.getSuperclass()) {
			if (TRANSACTION_SYSTEM_EXCEPTION.equals(type.getName())) {
				try {
					Object failure = type.getMethod("getApplicationException").invoke(node);
					return (failure instanceof Throwable throwable) ? throwable : null;
				}
				catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
					return null;
				}
			}
		}
		return null;
	}

	private static void pushIfPresent(Deque<Throwable> pending, @Nullable Throwable throwable) {
		if (throwable != null && pending.size() < MAX_NODES * 2) {
			pending.push(throwable);
		}
	}

	private static @Nullable Throwable cause(Throwable throwable) {
		try {
			return throwable.getCause();
		}
		catch (RuntimeException | LinkageError | StackOverflowError ex) {
			return null;
		}
	}

	private static @Nullable Throwable nextException(SQLException exception) {
		try {
			return exception.getNextException();
		}
		catch (RuntimeException | LinkageError | StackOverflowError ex) {
			return null;
		}
	}

	private static Throwable[] suppressed(Throwable throwable) {
		try {
			return throwable.getSuppressed();
		}
		catch (RuntimeException | LinkageError | StackOverflowError ex) {
			return new Throwable[0];
		}
	}

	static @Nullable String message(Throwable throwable) {
		try {
			return throwable.getMessage();
		}
		catch (RuntimeException | LinkageError | StackOverflowError ex) {
			return null;
		}
	}

	static int errorCode(Throwable throwable) {
		try {
			return (throwable instanceof SQLException sqlException) ? sqlException.getErrorCode() : 0;
		}
		catch (RuntimeException | LinkageError | StackOverflowError ex) {
			return 0;
		}
	}

	static @Nullable String sqlState(Throwable throwable) {
		try {
			return (throwable instanceof SQLException sqlException) ? sqlException.getSQLState() : null;
		}
		catch (RuntimeException | LinkageError | StackOverflowError ex) {
			return null;
		}
	}

}
