"""Users, roles, sign-in (password, phone code, WeChat), tokens, the audit log of personal data."""
