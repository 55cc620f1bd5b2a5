package io.github.mysqlresilience.commit;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * A pooled connection whose commits are resolved when lost in flight: just before each
 * COMMIT of a read-write transaction it writes the transaction's marker; when the COMMIT
 * fails with a lost connection it asks the {@link CommitOutcomes} what became of the
 * transaction, right where the failure happens, before any transaction manager can roll
 * back and replace the commit's failure with the rollback's. A commit found applied
 * returns normally; one found not applied, or not resolved in time, fails with an
 * exception that says so, and the rollback that follows is a no-op (the old session is
 * gone).
 */
final class MarkedConnection implements InvocationHandler {

	private final Connection target;

	private final DataSource dataSource;

	private final CommitOutcomes outcomes;

	/** Whether the last transaction's outcome is settled: a rollback now is moot. */
	private boolean settled;

	private MarkedConnection(Connection target, DataSource dataSource, CommitOutcomes outcomes) {
		this.target = target;
		this.dataSource = dataSource;
		this.outcomes = outcomes;
	}

	static Connection wrap(Connection target, DataSource dataSource, CommitOutcomes outcomes) {
		return (Connection) Proxy.newProxyInstance(MarkedConnection.class.getClassLoader(), proxiedInterfaces(),
				new MarkedConnection(target, dataSource, outcomes));
	}

	/**
	 * The interfaces of a marked connection's JDK proxy, in order (a native image needs
	 * them at build time).
	 */
	static Class<?>[] proxiedInterfaces() {
		return new Class<?>[] { Connection.class, Marked.class };
	}

	static Connection unwrap(Connection connection) {
		return (connection instanceof Marked marked) ? marked.markedTarget() : connection;
	}

	@Override
	public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
		int arity = (args != null) ? args.length : 0;
		switch (method.getName()) {
			case "commit" -> {
				if (arity == 0) {
					commit();
					return null;
				}
			}
			case "rollback" -> {
				if (arity == 0 && this.settled) {
					this.settled = false;
					return null;
				}
				this.settled = false;
			}
			case "markedTarget" -> {
				return this.target;
			}
			case "equals" -> {
				return proxy == args[0];
			}
			case "hashCode" -> {
				return System.identityHashCode(proxy);
			}
			case "toString" -> {
				return "Marked[" + this.target + "]";
			}
			default -> {
			}
		}
		try {
			return method.invoke(this.target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

	private void commit() throws SQLException {
		this.settled = false;
		if (this.target.getAutoCommit() || this.target.isReadOnly()) {
			this.target.commit();
			return;
		}
		CommitOutcomeResolver.Marker marker;
		try {
			marker = this.outcomes.mark(this.target, this.dataSource);
		}
		catch (CommitNotAppliedException ex) {
			// The connection was lost before the COMMIT was sent
			this.settled = true;
			throw ex;
		}
		try {
			this.target.commit();
		}
		catch (SQLException ex) {
			if (marker == null || !CommitOutcomes.losesConnection(ex)) {
				throw ex;
			}
			this.settled = true;
			this.outcomes.settle(marker, this.dataSource, ex);
			// Committed after all: the caller succeeds
			this.settled = false;
		}
	}

	/**
	 * Implemented by the proxies, to find the pool's connection behind them.
	 */
	interface Marked {

		Connection markedTarget();

	}

}
