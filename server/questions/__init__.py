"""问一问 (issue 22): a worker's question, typed or spoken, with no account; the answerers' queue of the office serving
the site (claim, release, the 24-hour clock, urgent flags from the dates), answers by text, voice and cards with an
SMS, 转为法律援助申请, moderation, and consultations staff log from the hotline, a walk-in or an event."""
