"""Sites: a construction site's rights notice board (保障农民工工资支付条例第三十四条), its QR and its page."""
