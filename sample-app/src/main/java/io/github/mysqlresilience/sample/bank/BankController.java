package io.github.mysqlresilience.sample.bank;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST endpoints of the bank.
 */
@RestController
class BankController {

	private final TransferService transfers;

	BankController(TransferService transfers) {
		this.transfers = transfers;
	}

	@PostMapping("/transfers")
	ResponseEntity<Map<String, Object>> transfer(@RequestBody Transfer transfer) {
		boolean done = this.transfers.transfer(transfer);
		return ResponseEntity.status(done ? HttpStatus.CREATED : HttpStatus.OK)
			.body(Map.of("idempotencyKey", transfer.idempotencyKey(), "status", done ? "done" : "already done"));
	}

	@GetMapping("/accounts/{id}")
	ResponseEntity<Account> account(@PathVariable long id) {
		return ResponseEntity.of(this.transfers.account(id));
	}

	@GetMapping("/accounts/total")
	Map<String, Long> total() {
		return Map.of("total", this.transfers.totalBalance());
	}

}
