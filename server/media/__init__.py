"""Evidence uploads: checked and cleaned with Pillow, kept in local or S3-compatible storage."""
