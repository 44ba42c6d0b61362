"""Article numbers as the statutes write them: 82 -> 第八十二条, "276-1" -> 第二百七十六条之一."""
DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    if not 0 < n < 10000:
        raise ValueError(f"article number out of range: {n}")
    out = ""
    units = [(1000, "千"), (100, "百"), (10, "十")]
    zero_pending = False
    rest = n
    for value, unit in units:
        d, rest = divmod(rest, value)
        if d:
            if zero_pending:
                out += "零"
                zero_pending = False
            # 10-19 are written 十, 十一 ... not 一十 when they stand alone.
            out += ("" if (value == 10 and d == 1 and not out) else DIGITS[d]) + unit
        elif out:
            zero_pending = True
    if rest:
        if zero_pending:
            out += "零"
        out += DIGITS[rest]
    return out


def article_label(article) -> str:
    """`82` or `"276-1"` -> 第八十二条 / 第二百七十六条之一."""
    text = str(article)
    main, _, sub = text.partition("-")
    label = f"第{chinese_number(int(main))}条"
    if sub:
        label += f"之{chinese_number(int(sub))}"
    return label


def section_label(section) -> str:
    """`2` -> 第二部分: for documents split into numbered parts (一、二、) rather than articles."""
    return f"第{chinese_number(int(section))}部分"
