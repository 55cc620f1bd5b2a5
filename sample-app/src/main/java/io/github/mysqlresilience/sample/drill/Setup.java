package io.github.mysqlresilience.sample.drill;

/**
 * The applications the drill compares, side by side.
 *
 * @since 0.1.0
 */
public enum Setup {

	/**
	 * Plain Spring Boot: no retry at all ({@code @Retryable} is not enabled).
	 */
	PLAIN("plain Spring Boot", false),

	/**
	 * Plain Spring Boot with Spring Framework's own {@code @Retryable}
	 * ({@code @EnableResilientMethods}), as most applications would write it.
	 */
	SPRING_RETRY("plain + Spring's @Retryable", false),

	/**
	 * The application with the starter.
	 */
	STARTER("with the starter", true),

	/**
	 * The application with the starter, started from the classes Spring's ahead-of-time
	 * processing generated at build time ({@code -Dspring.aot.enabled=true}, the path to a
	 * native image). Not part of the default drill.
	 */
	STARTER_AOT("with the starter, AOT", true),

	/**
	 * The application with the starter and {@code spring.threads.virtual.enabled=true},
	 * its callers on the application's virtual-thread executor (Java 21 or later). Not
	 * part of the default drill.
	 */
	STARTER_VIRTUAL("with the starter, virtual threads", true);

	private final String title;

	private final boolean withStarter;

	Setup(String title, boolean withStarter) {
		this.title = title;
		this.withStarter = withStarter;
	}

	/**
	 * Return whether this application runs with the starter.
	 * @return whether the starter is on
	 */
	public boolean withStarter() {
		return this.withStarter;
	}

	/**
	 * Return the column title of this setup.
	 * @return the title
	 */
	public String title() {
		return this.title;
	}

}
