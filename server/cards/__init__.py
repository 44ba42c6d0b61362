"""Law Q&A cards: topics, cards, quiz, content loading and Chinese search."""
