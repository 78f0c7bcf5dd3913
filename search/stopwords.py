"""Stop words (folded: no accents) for the hub's languages.

Short on purpose: articles, prepositions, conjunctions, pronouns and auxiliary verbs only.
Words that carry meaning in a migration context stay searchable even when general-purpose
lists drop them: "vida", "red" (network), "who" (the WHO), "it", "us", "can", "will", "estado".
A query made only of stop words is searched as typed (see `query.parse`).
"""

_ES = """
a al algo algunas algunos ante antes como con contra cual cuales cuando de del desde donde
durante e el ella ellas ellos en entre era eran eres es esa esas ese eso esos esta estaba
estaban estamos estan estar estas este esto estos estoy fue fueron ha habia han has hasta hay
la las le les lo los mas me mi mis mucho muchos muy nada ni no nos nosotras nosotros nuestra
nuestras nuestro nuestros o os otra otras otro otros para pero poco por porque que quien
quienes se sea sean ser si sido sin sobre son su sus suya suyas suyo suyos tambien tanto te
ti tiene tienen todo todos tu tus un una unas uno unos vosotros y ya yo
"""

_PT = """
a ao aos aquela aquelas aquele aqueles aquilo as ate com como da das de dela delas dele deles
depois do dos e ela elas ele eles em entre era eram essa essas esse esses esta estao estas
este estes eu foi foram ha isso isto ja lhe lhes mais mas me mesmo meu meus minha minhas muito
na nao nas nem no nos nossa nossas nosso nossos num numa o os ou para pela pelas pelo pelos
por qual quando que quem sao se sem ser seu seus so sua suas tambem te tem teu teus tu tua
tuas um uma umas uns voce voces
"""

_EN = """
a about above after again against all am an and any are as at be been before being below
between both but by did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is its itself just me more
most my myself no nor not of off on once only or other our ours ourselves out over own same
she should so some such than that the their theirs them themselves then there these they this
those through to too under until up very was we were what when where which while whom why
with would you your yours yourself yourselves
"""

STOP_WORDS = {
    "es": frozenset(_ES.split()),
    "pt": frozenset(_PT.split()),
    "en": frozenset(_EN.split()),
}
