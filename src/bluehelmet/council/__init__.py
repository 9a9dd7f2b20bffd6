"""Council politics around peace operations: who voted how, contestation, host consent."""
