"""A third, held-out set of graded judgments (issue 9), over the same corpus as the unseen set.

Written from the visitors' side (an NGO officer, a municipal official, a researcher, a journalist)
by reading the documents only, before anyone tuned the ranking on it and without looking at the
other query sets or at search results; do not edit the queries or grades afterwards. The corpus is
the demo practices and toolkits plus the unseen write-ups (tests/search/unseen/documents). Keys: an
unseen document is its file name without ".txt"; a demo practice or toolkit is its demo key
(tests/search/conftest.py `demo_keys`). Judged at the practice level: a lesson or recommendation
of a practice counts as the practice. Grades: 3 = the practice the visitor wants, 2 = clearly
relevant, 1 = partly relevant.
Kinds: those of the unseen set (single-word, english-question, natural-phrase (4-8 words),
typo-in-multiword, cross-language with the direction "query language->document language",
exact-name, no-accent), plus two-word (a two-word term) and question (a question in Spanish or
Portuguese). "cross-language" is used when every practice graded 3 exists only in another language.
"""

from corpus_keys import (
    ABRIGOS,
    ACRE,
    APATRIDIA,
    AULAS,
    BOLIVIA,
    CASOS,
    COHESION,
    COLOMBIA,
    CONSULADOS,
    DATOS,
    DIASPORA,
    DIPLOMAS,
    ECUADOR,
    EFECTIVO,
    EMPLEO,
    ESCOLA,
    FINANCAS,
    GUIA,
    GUYANA_LABOUR,
    HOTLINE,
    MODULO,
    NINOS,
    PARAGUAY,
    PERU,
    REMESAS,
    RETORNO,
    TRATA,
    TUMBES,
    VBG,
)

# Needs that several queries share
BRAZIL = {
    ESCOLA: 3,
    ABRIGOS: 3,
    VBG: 3,
    DATOS: 3,
    FINANCAS: 3,
    ACRE: 3,
    DIPLOMAS: 3,
    CASOS: 3,
}
XENOPHOBIA = {AULAS: 3, COHESION: 3, MODULO: 3, ESCOLA: 2, ABRIGOS: 1}
SCHOOL_BULLYING = {AULAS: 3, ESCOLA: 2}
VACCINATION = {TUMBES: 3, PERU: 3, ABRIGOS: 2}
MATERNAL_HEALTH = {PERU: 3, TUMBES: 3, DATOS: 1}
REMITTANCES = {REMESAS: 3, FINANCAS: 2, DIASPORA: 1}
REMITTANCES_COST = {REMESAS: 3, FINANCAS: 3, DIASPORA: 1}
BANK_ACCOUNTS = {FINANCAS: 3, REMESAS: 3, EFECTIVO: 1}
FINANCIAL_EDUCATION = {FINANCAS: 3, REMESAS: 3, EFECTIVO: 1, DIASPORA: 1}
JOBS = {EMPLEO: 3, GUYANA_LABOUR: 3, DIPLOMAS: 1, PARAGUAY: 1, RETORNO: 1}
SKILLS = {GUYANA_LABOUR: 3, DIPLOMAS: 3, PARAGUAY: 2}
DEGREES = {DIPLOMAS: 3, GUYANA_LABOUR: 1}
RETURN = {RETORNO: 3, PARAGUAY: 3}
FLOODS = {ACRE: 3, BOLIVIA: 1}
CLIMATE = {ACRE: 3, BOLIVIA: 3}
UNACCOMPANIED = {NINOS: 3, ABRIGOS: 1, COLOMBIA: 1}
FAMILY_TRACING = {NINOS: 3}
TRAFFICKING_HOTLINE = {HOTLINE: 3, TRATA: 1}
FORCED_LABOUR = {HOTLINE: 3}
STATELESSNESS = {APATRIDIA: 3}
CASH = {EFECTIVO: 3}
CASE_SYSTEM = {CASOS: 3}
GBV = {VBG: 3, BOLIVIA: 1, PARAGUAY: 1}

JUDGMENTS = [
    # Single words: terms, plain words, places, populations, outputs
    ("single-word", "es", "nacionalidad", {APATRIDIA: 3, AULAS: 1}),
    ("single-word", "es", "remesas", REMITTANCES),
    ("single-word", "pt", "inundações", FLOODS),
    ("single-word", "en", "trafficking", {TRATA: 3, HOTLINE: 3, NINOS: 1, ABRIGOS: 1}),
    ("single-word", "es", "sarampión", {TUMBES: 3}),
    ("single-word", "en", "vaccines", VACCINATION),
    ("single-word", "en", "xenophobic", XENOPHOBIA),
    ("single-word", "es", "discriminación", {MODULO: 3, AULAS: 3, COHESION: 2, ESCOLA: 1}),
    ("single-word", "es", "emprendimiento", {ECUADOR: 3, DIASPORA: 2, PARAGUAY: 1, RETORNO: 1}),
    ("single-word", "en", "jobs", JOBS),
    ("single-word", "en", "returnees", {**RETURN, ECUADOR: 1, COHESION: 1, GUYANA_LABOUR: 1}),
    ("single-word", "en", "observatory", {DATOS: 3}),
    ("single-word", "en", "emigrants", {DIASPORA: 3}),
    ("single-word", "pt", "diplomas", DEGREES),
    ("single-word", "en", "helpline", {HOTLINE: 3}),
    ("single-word", "es", "Tumbes", {TUMBES: 3, NINOS: 2}),
    ("single-word", "en", "Roraima", {ABRIGOS: 3, VBG: 3, CASOS: 3, FINANCAS: 1}),
    ("single-word", "pt", "Guiana", {GUYANA_LABOUR: 3, COHESION: 3, DIASPORA: 3}),
    ("single-word", "en", "Brazil", BRAZIL),
    ("single-word", "es", "Brasil", BRAZIL),
    (
        "single-word",
        "pt",
        "Colômbia",
        {COLOMBIA: 3, APATRIDIA: 3, RETORNO: 3, REMESAS: 2, NINOS: 1},
    ),
    ("single-word", "es", "Argentina", {CONSULADOS: 3, EFECTIVO: 3, TRATA: 2, PARAGUAY: 1}),
    ("single-word", "en", "Chile", {EMPLEO: 3, TRATA: 2, NINOS: 2}),
    ("single-word", "en", "toolkit", {GUIA: 3, MODULO: 3}),
    ("single-word", "es", "guía", {GUIA: 3, MODULO: 2, AULAS: 1, TRATA: 1, BOLIVIA: 1}),
    ("single-word", "en", "manual", {GUIA: 3, MODULO: 3, COHESION: 1}),
    ("single-word", "en", "Warao", {ABRIGOS: 3, VBG: 2, GUYANA_LABOUR: 2, COHESION: 2}),
    (
        "single-word",
        "pt",
        "LGBTI",
        {VBG: 3, ABRIGOS: 2, TRATA: 2, COLOMBIA: 2, MODULO: 1},
    ),
    # Two-word terms
    ("two-word", "es", "salud mental", {TUMBES: 3, PARAGUAY: 2, RETORNO: 2, VBG: 1}),
    ("two-word", "pt", "educação financeira", FINANCIAL_EDUCATION),
    ("two-word", "en", "fair recruitment", {GUYANA_LABOUR: 3, HOTLINE: 1}),
    ("two-word", "es", "pasos fronterizos", {TRATA: 3, NINOS: 2, TUMBES: 2, ABRIGOS: 1}),
    ("two-word", "pt", "dados migratórios", {DATOS: 3, CASOS: 2, BOLIVIA: 1}),
    ("two-word", "en", "skills certification", SKILLS),
    (
        "two-word",
        "es",
        "pueblos indígenas",
        {BOLIVIA: 3, ABRIGOS: 3, COHESION: 2, ESCOLA: 1, VBG: 1, GUYANA_LABOUR: 1, APATRIDIA: 1},
    ),
    (
        "two-word",
        "pt",
        "mulheres migrantes",
        {VBG: 3, REMESAS: 2, FINANCAS: 1, EFECTIVO: 1, GUYANA_LABOUR: 1},
    ),
    ("two-word", "es", "intermediación laboral", {EMPLEO: 3, GUYANA_LABOUR: 2, PARAGUAY: 1}),
    ("two-word", "en", "safe spaces", {VBG: 3, NINOS: 3, BOLIVIA: 1, ABRIGOS: 1}),
    ("two-word", "pt", "mudança climática", CLIMATE),
    ("two-word", "en", "refugee women", {VBG: 3, REMESAS: 1, EFECTIVO: 1}),
    # English questions
    ("english-question", "en", "how can migrants send money home cheaply?", REMITTANCES_COST),
    (
        "english-question",
        "en",
        "how to prevent statelessness of children born to Venezuelan parents",
        STATELESSNESS,
    ),
    (
        "english-question",
        "en",
        "what works to reduce bullying of migrant students?",
        SCHOOL_BULLYING,
    ),
    (
        "english-question",
        "en",
        "where can migrant children get vaccinated at the border?",
        {TUMBES: 3, ABRIGOS: 3, PERU: 1},
    ),
    ("english-question", "en", "how do I get my foreign degree recognised in Brazil?", DEGREES),
    ("english-question", "en", "what can a city do after repeated floods?", {ACRE: 3, BOLIVIA: 2}),
    ("english-question", "en", "how to report human trafficking anonymously", TRAFFICKING_HOTLINE),
    ("english-question", "en", "how to reintegrate deported returnees?", RETURN),
    ("english-question", "en", "what helps migrants find formal jobs?", JOBS),
    (
        "english-question",
        "en",
        "how can the diaspora invest in small businesses back home?",
        {DIASPORA: 3, REMESAS: 1},
    ),
    (
        "english-question",
        "en",
        "how do social workers track migrant cases between services?",
        {CASOS: 3, PARAGUAY: 2, RETORNO: 2, NINOS: 1},
    ),
    ("english-question", "en", "who helps unaccompanied children travelling alone?", UNACCOMPANIED),
    ("english-question", "en", "how to open a bank account without local ID", BANK_ACCOUNTS),
    ("english-question", "en", "how do you document a good practice?", {GUIA: 3}),
    (
        "english-question",
        "en",
        "what training exists for municipal staff on xenophobia?",
        {MODULO: 3},
    ),
    (
        "english-question",
        "en",
        "where do Bolivians in Buenos Aires get a passport?",
        {CONSULADOS: 3},
    ),
    (
        "english-question",
        "en",
        "how can women survivors of violence get help in shelters?",
        {VBG: 3, ABRIGOS: 1, BOLIVIA: 1},
    ),
    # Questions in Spanish and Portuguese
    ("question", "es", "¿cómo abrir una cuenta bancaria siendo migrante?", BANK_ACCOUNTS),
    ("question", "pt", "como fazer a revalidação de diploma estrangeiro", DEGREES),
    ("question", "es", "¿qué hacer si un niño nace sin nacionalidad?", STATELESSNESS),
    ("question", "pt", "o que fazer com famílias em área de risco de inundação", FLOODS),
    (
        "question",
        "es",
        "¿dónde denunciar explotación laboral de migrantes?",
        {HOTLINE: 3, CONSULADOS: 2, GUYANA_LABOUR: 2, TRATA: 1},
    ),
    ("question", "pt", "quem cuida de crianças que viajam sozinhas?", {NINOS: 3, ABRIGOS: 1}),
    (
        "question",
        "es",
        "¿cómo combatir la xenofobia en el barrio?",
        {COHESION: 3, MODULO: 2, AULAS: 1, ABRIGOS: 1},
    ),
    ("question", "pt", "como evitar golpes no celular", {FINANCAS: 3}),
    # Natural phrases of 4 to 8 words
    ("natural-phrase", "es", "familias desplazadas por incendios y sequías", {BOLIVIA: 3, ACRE: 1}),
    (
        "natural-phrase",
        "pt",
        "crianças migrantes na escola pública",
        {ESCOLA: 3, AULAS: 2, PARAGUAY: 1, COLOMBIA: 1},
    ),
    (
        "natural-phrase",
        "en",
        "community radio against rumours about migrants",
        {COHESION: 3, MODULO: 1},
    ),
    (
        "natural-phrase",
        "es",
        "atención médica gratuita para personas en tránsito",
        {TUMBES: 3, PERU: 2, ABRIGOS: 2},
    ),
    ("natural-phrase", "pt", "cadastro único de famílias migrantes", CASE_SYSTEM),
    ("natural-phrase", "en", "shared data between two border cities", {DATOS: 3}),
    (
        "natural-phrase",
        "es",
        "hogares migrantes vulnerables con niños pequeños",
        {EFECTIVO: 3, PERU: 1},
    ),
    (
        "natural-phrase",
        "pt",
        "regularização migratória de venezuelanos na fronteira",
        {COLOMBIA: 3, ABRIGOS: 2, CONSULADOS: 1},
    ),
    ("natural-phrase", "en", "municipal plan for disaster displacement", CLIMATE),
    (
        "natural-phrase",
        "en",
        "help migrants get their papers",
        {
            COLOMBIA: 3,
            CONSULADOS: 3,
            APATRIDIA: 2,
            ABRIGOS: 1,
            PARAGUAY: 1,
        },
    ),
    ("natural-phrase", "en", "one-stop shop for returning nationals", {PARAGUAY: 3, RETORNO: 2}),
    (
        "natural-phrase",
        "es",
        "estudiantes de derecho que asesoran a migrantes",
        {COLOMBIA: 3, APATRIDIA: 3},
    ),
    ("natural-phrase", "pt", "tradução juramentada gratuita de documentos", DEGREES),
    ("natural-phrase", "en", "foster families for migrant children", FAMILY_TRACING),
    ("natural-phrase", "es", "brigadas de salud en mercados y parroquias", {PERU: 3, TUMBES: 1}),
    (
        "natural-phrase",
        "en",
        "women certified in welding and electrical trades",
        {GUYANA_LABOUR: 3, DIPLOMAS: 2},
    ),
    ("natural-phrase", "pt", "consulta prévia a povos indígenas", {ACRE: 3, BOLIVIA: 1}),
    # Typos inside multi-word queries
    ("typo-in-multiword", "es", "trasnferencias monetarias migrantes", {EFECTIVO: 3, REMESAS: 1}),
    ("typo-in-multiword", "en", "unacompanied children border", UNACCOMPANIED),
    ("typo-in-multiword", "pt", "revalidacao de diplomsa", DEGREES),
    ("typo-in-multiword", "es", "regularizacion migratoria en Cucta", {COLOMBIA: 3}),
    ("typo-in-multiword", "en", "human traficking hotline", {HOTLINE: 3, TRATA: 2}),
    ("typo-in-multiword", "es", "consulado movil bolivainos", {CONSULADOS: 3}),
    ("typo-in-multiword", "pt", "violênica de gênero Boa Vista", {VBG: 3}),
    ("typo-in-multiword", "en", "remitances financial inclusion", {REMESAS: 3, FINANCAS: 2}),
    ("typo-in-multiword", "es", "gestion de riesgos Chiquitanai", {BOLIVIA: 3}),
    ("typo-in-multiword", "en", "diaspora investmnet fund", {DIASPORA: 3}),
    ("typo-in-multiword", "pt", "educaçao financiera Manaus", {FINANCAS: 3, REMESAS: 1}),
    ("typo-in-multiword", "en", "skils recognition refugees", {DIPLOMAS: 3, GUYANA_LABOUR: 2}),
    ("typo-in-multiword", "es", "xenofobia en colegos", SCHOOL_BULLYING),
    # Without accents
    ("no-accent", "es", "regularizacion migratoria", {COLOMBIA: 3, ABRIGOS: 1, CONSULADOS: 1}),
    ("no-accent", "pt", "reintegracao de retornados", RETURN),
    ("no-accent", "es", "apatridia ninos venezolanos", STATELESSNESS),
    ("no-accent", "pt", "saude materno infantil", MATERNAL_HEALTH),
    ("no-accent", "es", "educacion financiera", FINANCIAL_EDUCATION),
    ("no-accent", "pt", "certificacao de competencias", {**SKILLS, PARAGUAY: 3}),
    ("no-accent", "es", "violencia de genero", GBV),
    ("no-accent", "es", "Cucuta", {COLOMBIA: 3}),
    ("no-accent", "es", "movilidad humana Chiquitania", {BOLIVIA: 3}),
    # Exact practice names, often partial
    ("exact-name", "es", "campaña escolar contra la discriminación", {AULAS: 3}),
    ("exact-name", "en", "Neighbours Together", {COHESION: 3}),
    ("exact-name", "pt", "Escola que Acolhe", {ESCOLA: 3}),
    ("exact-name", "es", "Clínica jurídica itinerante", {APATRIDIA: 3, COLOMBIA: 1}),
    ("exact-name", "en", "investment matching fund for small businesses", {DIASPORA: 3}),
    ("exact-name", "pt", "Reassentamento planejado de famílias ribeirinhas", {ACRE: 3}),
    ("exact-name", "es", "Ventanilla única de reintegración", {PARAGUAY: 3}),
    ("exact-name", "en", "Mobile health brigades", {PERU: 3, TUMBES: 1}),
    ("exact-name", "es", "Plataforma digital de intermediación laboral", {EMPLEO: 3}),
    ("exact-name", "es", "Protocolo regional trata pasos fronterizos", {TRATA: 3}),
    ("exact-name", "pt", "Sistema integrado de registro e gestão de casos", CASE_SYSTEM),
    ("exact-name", "en", "Guide to systematising good practices", {GUIA: 3}),
    # Across languages: English to Spanish
    ("cross-language en->es", "en", "stateless children", STATELESSNESS),
    ("cross-language en->es", "en", "cash assistance", {**CASH, REMESAS: 1}),
    (
        "cross-language en->es",
        "en",
        "consular outreach for Bolivians in Argentina",
        {CONSULADOS: 3},
    ),
    ("cross-language en->es", "en", "online job board for migrants", {EMPLEO: 3, GUYANA_LABOUR: 1}),
    ("cross-language en->es", "en", "school bullying xenophobia campaign", SCHOOL_BULLYING),
    (
        "cross-language en->es",
        "en",
        "mobile clinic at the Peru Ecuador border",
        {TUMBES: 3, PERU: 1, NINOS: 1},
    ),
    ("cross-language en->es", "en", "prepaid cards for vulnerable households", CASH),
    # English to Portuguese
    ("cross-language en->pt", "en", "resettling families away from the river", {ACRE: 3}),
    ("cross-language en->pt", "en", "case management software social services", CASE_SYSTEM),
    ("cross-language en->pt", "en", "revalidating university degrees", DEGREES),
    ("cross-language en->pt", "en", "scams and savings for Venezuelans in Manaus", {FINANCAS: 3}),
    ("cross-language en->pt", "en", "riverside families resettled", {ACRE: 3}),
    (
        "cross-language en->pt",
        "en",
        "refugee doctors working below their qualifications",
        {DIPLOMAS: 3, EMPLEO: 2},
    ),
    # Spanish to English
    ("cross-language es->en", "es", "niñas y niños que viajan solos", UNACCOMPANIED),
    ("cross-language es->en", "es", "línea gratuita contra la trata", TRAFFICKING_HOTLINE),
    ("cross-language es->en", "es", "fondo de inversión diáspora pequeñas empresas", {DIASPORA: 3}),
    ("cross-language es->en", "es", "retornados colombianos eje cafetero", {RETORNO: 3}),
    ("cross-language es->en", "es", "reunificación familiar de niños migrantes", FAMILY_TRACING),
    ("cross-language es->en", "es", "trabajo forzoso en la minería de oro", FORCED_LABOUR),
    # Spanish to Portuguese
    ("cross-language es->pt", "es", "familias ribereñas reubicadas tras las crecidas", {ACRE: 3}),
    (
        "cross-language es->pt",
        "es",
        "convalidación de títulos universitarios",
        {**DEGREES, PARAGUAY: 1},
    ),
    (
        "cross-language es->pt",
        "es",
        "cuentas bancarias para migrantes venezolanos",
        {FINANCAS: 3, REMESAS: 2},
    ),
    ("cross-language es->pt", "es", "registro de casos en asistencia social", CASE_SYSTEM),
    ("cross-language es->pt", "es", "estafas por celular", {FINANCAS: 3}),
    (
        "cross-language es->pt",
        "es",
        "protección de datos personales de migrantes",
        {CASOS: 3, DATOS: 2, COLOMBIA: 1, TRATA: 1, APATRIDIA: 1},
    ),
    # Portuguese to English
    ("cross-language pt->en", "pt", "denúncia anônima de trabalho forçado", FORCED_LABOUR),
    ("cross-language pt->en", "pt", "reunificação familiar de crianças separadas", FAMILY_TRACING),
    ("cross-language pt->en", "pt", "fundo para pequenas empresas da diáspora", {DIASPORA: 3}),
    (
        "cross-language pt->en",
        "pt",
        "retornados deportados dos Estados Unidos",
        {RETORNO: 3, PARAGUAY: 1},
    ),
    ("cross-language pt->en", "pt", "famílias acolhedoras para crianças migrantes", FAMILY_TRACING),
    ("cross-language pt->en", "pt", "cooperativas de café", {RETORNO: 3}),
    # Portuguese to Spanish
    ("cross-language pt->es", "pt", "cartões pré-pagos para migrantes", CASH),
    ("cross-language pt->es", "pt", "consulado itinerante para bolivianos", {CONSULADOS: 3}),
    ("cross-language pt->es", "pt", "bullying contra alunos estrangeiros", SCHOOL_BULLYING),
    ("cross-language pt->es", "pt", "plataforma de emprego em Santiago", {EMPLEO: 3}),
    (
        "cross-language pt->es",
        "pt",
        "registro de nascimento de filhos de venezuelanos",
        STATELESSNESS,
    ),
    (
        "cross-language pt->es",
        "pt",
        "unidade móvel de saúde na fronteira com o Equador",
        {TUMBES: 3, PERU: 1},
    ),
]
