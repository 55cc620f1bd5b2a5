package io.github.mysqlresilience.error;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Property-based tests: {@link MySqlErrors} never throws and never hangs, whatever graph
 * of exceptions it is given (cycles through causes, next exceptions and suppressed
 * exceptions; accessors that throw).
 */
class MySqlErrorsPropertyTests {

	private static final List<Integer> CODES = List.of(0, -1, 1062, 1213, 1205, 1290, 1317, 1053, 4031, 1045, 1040,
			99999);

	@Property(tries = 500)
	void neverThrowsNorHangs(@ForAll("graphs") List<NodeSpec> graph) {
		List<GraphException> nodes = build(graph);
		assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
			MySqlErrors.classify(nodes.get(0));
			MySqlErrors.canRetry(nodes.get(0));
			int code = MySqlErrors.errorCode(nodes.get(0));
			assertThat(code).isGreaterThanOrEqualTo(0);
		});
	}

	@Provide
	Arbitrary<List<NodeSpec>> graphs() {
		Arbitrary<NodeSpec> node = Combinators
			.combine(Arbitraries.of(CODES), Arbitraries.integers().between(-1, 19),
					Arbitraries.integers().between(-1, 19), Arbitraries.integers().between(-1, 19),
					Arbitraries.of(true, false, false, false), Arbitraries.of("Duplicate entry 'x' for key 'k'",
							"read-only", "(conn=1) Connection reset", "Connection is not available, request timed out after",
							"Error retrieving record", ""))
			.as(NodeSpec::new);
		return node.list().ofMinSize(1).ofMaxSize(20);
	}

	private static List<GraphException> build(List<NodeSpec> specs) {
		List<GraphException> nodes = new ArrayList<>();
		for (NodeSpec spec : specs) {
			nodes.add(new GraphException(spec));
		}
		for (int i = 0; i < specs.size(); i++) {
			NodeSpec spec = specs.get(i);
			GraphException node = nodes.get(i);
			node.cause = pick(nodes, spec.cause());
			node.next = pick(nodes, spec.next());
			GraphException suppressed = pick(nodes, spec.suppressed());
			if (suppressed != null && suppressed != node) {
				node.addSuppressed(suppressed);
				node.addSuppressed(suppressed);
			}
		}
		return nodes;
	}

	private static @Nullable GraphException pick(List<GraphException> nodes, int index) {
		return (index >= 0) ? nodes.get(index % nodes.size()) : null;
	}

	record NodeSpec(int code, int cause, int next, int suppressed, boolean hostile, String message) {
	}

	/**
	 * An exception whose links are set freely, cycles included, and whose accessors may
	 * throw.
	 */
	static final class GraphException extends SQLException {

		private final transient NodeSpec spec;

		@Nullable Throwable cause;

		@Nullable SQLException next;

		GraphException(NodeSpec spec) {
			super(spec.message(), "HY000", spec.code());
			this.spec = spec;
		}

		@Override
		public synchronized Throwable getCause() {
			failIfHostile();
			return this.cause;
		}

		@Override
		public SQLException getNextException() {
			failIfHostile();
			return this.next;
		}

		@Override
		public String getMessage() {
			failIfHostile();
			return super.getMessage();
		}

		@Override
		public int getErrorCode() {
			failIfHostile();
			return super.getErrorCode();
		}

		private void failIfHostile() {
			if (this.spec.hostile()) {
				throw new IllegalStateException("hostile accessor");
			}
		}

	}

}
