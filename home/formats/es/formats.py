DATE_FORMAT = r"j \d\e F \d\e Y"  # 31 de marzo de 2023
YEAR_MONTH_FORMAT = r"F \d\e Y"  # marzo de 2023
SHORT_YEAR_MONTH_FORMAT = "b. Y"  # mar. 2023
