"""Graded judgments over the unseen write-ups (documents/) and the demo practices (issue 9).

Written from the visitors' side before any tuning of the ranking, by reading the documents; do
not edit them after looking at search results. Keys: an unseen document is its file name without
".txt"; a demo practice or toolkit is its demo key (tests/search/conftest.py `demo_keys`).
Judged at the practice level: a lesson or recommendation of a practice counts as the practice.
Grades: 3 = the practice the visitor wants, 2 = clearly relevant, 1 = partly relevant.
Kinds: single-word, english-question, natural-phrase (4-8 words), typo-in-multiword,
cross-language (with the direction "query language->document language"), exact-name, no-accent.
"""

# Unseen documents (tests/search/unseen/documents/<key>.txt)
APATRIDIA = "es-apatridia-clinica-juridica-colombia"
TUMBES = "es-unidad-movil-salud-tumbes"
EMPLEO = "es-plataforma-empleo-santiago"
EFECTIVO = "es-transferencias-monetarias-salta-jujuy"
CONSULADOS = "es-consulados-moviles-bolivia"
AULAS = "es-aulas-sin-xenofobia-quito-manta"
DIPLOMAS = "pt-revalidacao-diplomas-parana"
ACRE = "pt-reassentamento-enchentes-acre"
FINANCAS = "pt-educacao-financeira-manaus"
CASOS = "pt-sistema-gestao-casos-roraima"
DIASPORA = "en-diaspora-investment-guyana"
HOTLINE = "en-counter-trafficking-hotline-suriname"
NINOS = "en-child-safe-spaces-andean-route"
RETORNO = "en-returnees-reintegration-eje-cafetero"

# Demo practices and toolkit (home/demo/data)
PERU = "peru-salud-lima-norte"
COLOMBIA = "colombia-regularizacion-cucuta"
TRATA = "regional-trata-pasos-fronterizos"
ESCOLA = "brasil-escola-que-acolhe"
ABRIGOS = "brasil-abrigos-pacaraima"
GUYANA_LABOUR = "guyana-migracion-laboral"
BOLIVIA = "bolivia-clima"
PARAGUAY = "paraguay-retorno"
VBG = "brasil-vbg"
DATOS = "brasil-uruguay-datos"
COHESION = "guyana-cohesion"
REMESAS = "regional-remesas"
MODULO = "toolkit:modulo-xenofobia-servicios-municipales"

BORDER_HEALTH = {TUMBES: 3, ABRIGOS: 1, PERU: 1}
SCHOOL_XENOPHOBIA = {AULAS: 3, ESCOLA: 2, COHESION: 1, MODULO: 1}
FLOODS = {ACRE: 3, BOLIVIA: 1}
FINANCIAL_EDUCATION = {FINANCAS: 3, REMESAS: 2, EFECTIVO: 1}
DEGREES = {DIPLOMAS: 3, GUYANA_LABOUR: 1}
HOTLINE_CALLS = {HOTLINE: 3, TRATA: 1}
UNACCOMPANIED = {NINOS: 3, ABRIGOS: 1}
RETURNEES = {RETORNO: 3, PARAGUAY: 2}
CASE_MANAGEMENT = {CASOS: 3, NINOS: 1, RETORNO: 1, PARAGUAY: 1}

JUDGMENTS = [
    # (kind, visitor language, query, {key: grade})
    ("single-word", "es", "apatridia", {APATRIDIA: 3}),
    ("single-word", "pt", "reassentamento", FLOODS),
    ("single-word", "en", "diaspora", {DIASPORA: 3}),
    ("single-word", "en", "hotline", {HOTLINE: 3}),
    ("single-word", "es", "consulados", {CONSULADOS: 3}),
    ("single-word", "pt", "enchentes", FLOODS),
    ("single-word", "es", "xenofobia", {AULAS: 3, COHESION: 3, MODULO: 3, ESCOLA: 1}),
    ("single-word", "en", "reunification", {NINOS: 3}),
    ("single-word", "pt", "revalidação", DEGREES),
    ("no-accent", "es", "atencion medica migrantes frontera", BORDER_HEALTH),
    ("no-accent", "es", "intermediacion laboral", {EMPLEO: 3, GUYANA_LABOUR: 2}),
    ("no-accent", "pt", "educacao financeira", FINANCIAL_EDUCATION),
    ("no-accent", "pt", "gestao de casos", CASE_MANAGEMENT),
    ("no-accent", "es", "nacionalidad ninos nacidos en colombia", {APATRIDIA: 3}),
    ("no-accent", "pt", "validacao de diplomas", DEGREES),
    ("no-accent", "es", "documentacion consular", {CONSULADOS: 3, COLOMBIA: 1}),
    ("exact-name", "es", "aulas que suman", {AULAS: 3}),
    ("exact-name", "en", "diaspora investment matching fund", {DIASPORA: 3}),
    ("exact-name", "es", "cebaf tumbes", {TUMBES: 3, NINOS: 1}),
    ("exact-name", "pt", "plataforma carolina bori", {DIPLOMAS: 3}),
    (
        "exact-name",
        "es",
        "centros de referencia y oportunidades para el retorno",
        {RETORNO: 3, PARAGUAY: 1},
    ),
    ("exact-name", "pt", "cras boa vista", {CASOS: 3, VBG: 1}),
    (
        "english-question",
        "en",
        "how to help migrant children get into school",
        {ESCOLA: 3, AULAS: 1, APATRIDIA: 1, RETORNO: 1},
    ),
    (
        "english-question",
        "en",
        "how can children born to venezuelan parents get a nationality",
        {APATRIDIA: 3},
    ),
    ("english-question", "en", "how do we prevent statelessness of newborns", {APATRIDIA: 3}),
    (
        "english-question",
        "en",
        "what health services can we offer migrants at a border crossing",
        {TUMBES: 3, ABRIGOS: 2, PERU: 1},
    ),
    (
        "english-question",
        "en",
        "how to give cash assistance to vulnerable migrant families",
        {EFECTIVO: 3},
    ),
    ("english-question", "en", "how can migrants get their university degrees recognised", DEGREES),
    ("english-question", "en", "how to relocate families living in flood risk areas", FLOODS),
    (
        "english-question",
        "en",
        "how to help migrants find a formal job",
        {EMPLEO: 3, GUYANA_LABOUR: 2, RETORNO: 1, DIPLOMAS: 1},
    ),
    ("english-question", "en", "what should a trafficking hotline offer callers", HOTLINE_CALLS),
    ("english-question", "en", "how do we protect unaccompanied migrant children", UNACCOMPANIED),
    (
        "english-question",
        "en",
        "how can the diaspora invest in their home country",
        {DIASPORA: 3, REMESAS: 1},
    ),
    (
        "english-question",
        "en",
        "how to open a bank account for refugees",
        FINANCIAL_EDUCATION,
    ),
    (
        "english-question",
        "en",
        "what helps returnees rebuild their lives after deportation",
        RETURNEES,
    ),
    ("english-question", "en", "how do consulates reach citizens living abroad", {CONSULADOS: 3}),
    (
        "english-question",
        "en",
        "how to stop bullying of migrant students",
        {AULAS: 3, ESCOLA: 2, COHESION: 1},
    ),
    ("natural-phrase", "es", "ayuda en efectivo para familias migrantes", {EFECTIVO: 3}),
    (
        "natural-phrase",
        "es",
        "bolsa de empleo en linea para migrantes",
        {EMPLEO: 3, GUYANA_LABOUR: 1},
    ),
    ("natural-phrase", "es", "campaña contra la xenofobia en colegios", SCHOOL_XENOPHOBIA),
    (
        "natural-phrase",
        "es",
        "registro de nacimiento de hijos de venezolanos",
        {APATRIDIA: 3, COLOMBIA: 1},
    ),
    (
        "natural-phrase",
        "pt",
        "como regularizar migrantes sem documentos",
        {COLOMBIA: 3, CONSULADOS: 2, ABRIGOS: 1, APATRIDIA: 1},
    ),
    ("natural-phrase", "pt", "famílias deslocadas pelas enchentes do rio", FLOODS),
    ("natural-phrase", "pt", "abrir conta bancária para venezuelanos", {FINANCAS: 3, REMESAS: 2}),
    ("natural-phrase", "pt", "sistema de informação para assistência social", {CASOS: 3, DATOS: 1}),
    ("natural-phrase", "en", "safe spaces for children travelling alone", {NINOS: 3, VBG: 1}),
    ("natural-phrase", "en", "reporting human trafficking by phone", HOTLINE_CALLS),
    ("natural-phrase", "en", "start-up grants for returning migrants", RETURNEES),
    ("natural-phrase", "en", "matching diaspora money with public funds", {DIASPORA: 3}),
    (
        "natural-phrase",
        "es",
        "vacunacion de migrantes en transito en la frontera",
        {TUMBES: 3, ABRIGOS: 2, PERU: 1},
    ),
    ("typo-in-multiword", "es", "atencion medica frontrea", BORDER_HEALTH),
    ("typo-in-multiword", "es", "prevencion de la apatirdia", {APATRIDIA: 3}),
    ("typo-in-multiword", "es", "transferencias monetraias", {EFECTIVO: 3}),
    ("typo-in-multiword", "pt", "reasentamento planejado", FLOODS),
    ("typo-in-multiword", "pt", "educaçao finaceira migrantes", FINANCIAL_EDUCATION),
    ("typo-in-multiword", "en", "counter trafficing hotline", HOTLINE_CALLS),
    ("typo-in-multiword", "en", "diaspora investmnet", {DIASPORA: 3}),
    ("typo-in-multiword", "en", "unacompanied children", UNACCOMPANIED),
    ("typo-in-multiword", "es", "consulado movil bolivanos", {CONSULADOS: 3}),
    ("typo-in-multiword", "pt", "revalidacao de diplomss", DEGREES),
    ("cross-language es->en", "es", "linea telefonica contra la trata", HOTLINE_CALLS),
    ("cross-language es->en", "es", "inversion de la diaspora", {DIASPORA: 3}),
    ("cross-language es->en", "es", "niños no acompañados", UNACCOMPANIED),
    ("cross-language es->en", "es", "reintegracion de retornados colombianos", RETURNEES),
    ("cross-language es->pt", "es", "reasentamiento por inundaciones", FLOODS),
    ("cross-language es->pt", "es", "convalidacion de titulos profesionales", DEGREES),
    ("cross-language es->pt", "es", "educacion financiera para migrantes", FINANCIAL_EDUCATION),
    ("cross-language es->pt", "es", "gestion de casos asistencia social", CASE_MANAGEMENT),
    ("cross-language en->es", "en", "statelessness", {APATRIDIA: 3}),
    ("cross-language en->es", "en", "cash transfers", {EFECTIVO: 3}),
    ("cross-language en->es", "en", "mobile consulates", {CONSULADOS: 3}),
    ("cross-language en->es", "en", "job matching platform", {EMPLEO: 3, GUYANA_LABOUR: 2}),
    ("cross-language en->es", "en", "school xenophobia campaign", SCHOOL_XENOPHOBIA),
    ("cross-language en->pt", "en", "flood relocation", FLOODS),
    ("cross-language en->pt", "en", "diploma recognition", DEGREES),
    ("cross-language en->pt", "en", "case management system", {CASOS: 3, NINOS: 1, RETORNO: 1}),
    ("cross-language en->pt", "en", "financial literacy", {**FINANCIAL_EDUCATION, DIASPORA: 1}),
    ("cross-language pt->es", "pt", "unidade móvel de saúde na fronteira", BORDER_HEALTH),
    (
        "cross-language pt->es",
        "pt",
        "transferência de renda para famílias migrantes",
        {EFECTIVO: 3},
    ),
    ("cross-language pt->es", "pt", "crianças sem nacionalidade", {APATRIDIA: 3}),
    ("cross-language pt->es", "pt", "xenofobia nas escolas", SCHOOL_XENOPHOBIA),
    ("cross-language pt->en", "pt", "linha direta contra o tráfico de pessoas", HOTLINE_CALLS),
    ("cross-language pt->en", "pt", "investimento da diáspora", {DIASPORA: 3}),
    ("cross-language pt->en", "pt", "reintegração de retornados", {RETORNO: 3, PARAGUAY: 3}),
    ("cross-language pt->en", "pt", "crianças desacompanhadas", UNACCOMPANIED),
]
