INSERT IGNORE INTO account (id, owner, balance) VALUES
	(1, 'alice', 1000000), (2, 'bob', 1000000), (3, 'carol', 1000000), (4, 'dave', 1000000),
	(5, 'erin', 1000000), (6, 'frank', 1000000), (7, 'grace', 1000000), (8, 'heidi', 1000000);
