/**
 * The sample's bank: accounts and idempotent transfers.
 */
@NullMarked
package io.github.mysqlresilience.sample.bank;

import org.jspecify.annotations.NullMarked;
