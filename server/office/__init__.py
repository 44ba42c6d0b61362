"""The office's own tasks that belong to no one domain: loading a device's exported queue, the live content."""
