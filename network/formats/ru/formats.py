# E: the month in the genitive, as a Russian date reads ("20 декабря 2026").
DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y H:i T"
