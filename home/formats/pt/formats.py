DATE_FORMAT = r"j \d\e F \d\e Y"  # 1 de dezembro de 2026 (month names: locale/pt)
YEAR_MONTH_FORMAT = r"F \d\e Y"  # dezembro de 2026
SHORT_YEAR_MONTH_FORMAT = "b. Y"  # dez. 2026
