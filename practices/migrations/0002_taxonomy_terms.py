"""Locales and the starting taxonomies, in Spanish, English and Portuguese."""

import uuid

from django.db import migrations
from django.utils.text import slugify

LANGUAGES = ["es", "en", "pt"]

COUNTRIES = [
    ("AR", "Argentina", "Argentina", "Argentina"),
    ("BO", "Bolivia", "Bolivia", "Bolívia"),
    ("BR", "Brasil", "Brazil", "Brasil"),
    ("CL", "Chile", "Chile", "Chile"),
    ("CO", "Colombia", "Colombia", "Colômbia"),
    ("EC", "Ecuador", "Ecuador", "Equador"),
    ("GY", "Guyana", "Guyana", "Guiana"),
    ("PY", "Paraguay", "Paraguay", "Paraguai"),
    ("PE", "Perú", "Peru", "Peru"),
    ("SR", "Surinam", "Suriname", "Suriname"),
    ("UY", "Uruguay", "Uruguay", "Uruguai"),
    ("VE", "Venezuela", "Venezuela", "Venezuela"),
    ("XR", "Regional / multipaís", "Regional / multi-country", "Regional / multipaís"),
]

GCM_OBJECTIVES = [
    (
        "Recopilar y utilizar datos exactos y desglosados para formular políticas con base empírica",
        "Collect and utilize accurate and disaggregated data as a basis for evidence-based policies",
        "Coletar e utilizar dados precisos e desagregados como base para políticas baseadas em evidências",
    ),
    (
        "Minimizar los factores adversos y estructurales que obligan a las personas a abandonar su país de origen",
        "Minimize the adverse drivers and structural factors that compel people to leave their country of origin",
        "Minimizar os fatores adversos e estruturais que obrigam as pessoas a deixar seu país de origem",
    ),
    (
        "Proporcionar información exacta y oportuna en todas las etapas de la migración",
        "Provide accurate and timely information at all stages of migration",
        "Fornecer informações precisas e oportunas em todas as etapas da migração",
    ),
    (
        "Velar por que todos los migrantes tengan pruebas de su identidad jurídica y documentación adecuada",
        "Ensure that all migrants have proof of legal identity and adequate documentation",
        "Garantir que todos os migrantes tenham prova de identidade legal e documentação adequada",
    ),
    (
        "Aumentar la disponibilidad y flexibilidad de las vías de migración regular",
        "Enhance availability and flexibility of pathways for regular migration",
        "Aumentar a disponibilidade e a flexibilidade das vias de migração regular",
    ),
    (
        "Facilitar la contratación equitativa y ética y salvaguardar las condiciones que garantizan el trabajo decente",
        "Facilitate fair and ethical recruitment and safeguard conditions that ensure decent work",
        "Facilitar o recrutamento justo e ético e salvaguardar as condições que garantem o trabalho digno",
    ),
    (
        "Abordar y reducir las vulnerabilidades en la migración",
        "Address and reduce vulnerabilities in migration",
        "Abordar e reduzir as vulnerabilidades na migração",
    ),
    (
        "Salvar vidas y emprender iniciativas internacionales coordinadas sobre los migrantes desaparecidos",
        "Save lives and establish coordinated international efforts on missing migrants",
        "Salvar vidas e estabelecer esforços internacionais coordenados sobre migrantes desaparecidos",
    ),
    (
        "Reforzar la respuesta transnacional al tráfico ilícito de migrantes",
        "Strengthen the transnational response to smuggling of migrants",
        "Reforçar a resposta transnacional ao contrabando de migrantes",
    ),
    (
        "Prevenir, combatir y erradicar la trata de personas en el contexto de la migración internacional",
        "Prevent, combat and eradicate trafficking in persons in the context of international migration",
        "Prevenir, combater e erradicar o tráfico de pessoas no contexto da migração internacional",
    ),
    (
        "Gestionar las fronteras de manera integrada, segura y coordinada",
        "Manage borders in an integrated, secure and coordinated manner",
        "Gerir as fronteiras de forma integrada, segura e coordenada",
    ),
    (
        "Aumentar la certidumbre y previsibilidad de los procedimientos migratorios para la adecuada verificación de antecedentes, evaluación y derivación",
        "Strengthen certainty and predictability in migration procedures for appropriate screening, assessment and referral",
        "Reforçar a certeza e a previsibilidade dos procedimentos migratórios para a triagem, avaliação e encaminhamento adequados",
    ),
    (
        "Utilizar la detención de migrantes solo como último recurso y buscar otras alternativas",
        "Use migration detention only as a measure of last resort and work towards alternatives",
        "Utilizar a detenção de migrantes apenas como medida de último recurso e buscar alternativas",
    ),
    (
        "Mejorar la protección, asistencia y cooperación consulares a lo largo de todo el ciclo migratorio",
        "Enhance consular protection, assistance and cooperation throughout the migration cycle",
        "Reforçar a proteção, a assistência e a cooperação consulares ao longo de todo o ciclo migratório",
    ),
    (
        "Proporcionar a los migrantes acceso a servicios básicos",
        "Provide access to basic services for migrants",
        "Proporcionar aos migrantes acesso a serviços básicos",
    ),
    (
        "Empoderar a los migrantes y las sociedades para lograr la plena inclusión y la cohesión social",
        "Empower migrants and societies to realize full inclusion and social cohesion",
        "Empoderar os migrantes e as sociedades para alcançar a plena inclusão e a coesão social",
    ),
    (
        "Eliminar todas las formas de discriminación y promover un discurso público con base empírica para modificar las percepciones de la migración",
        "Eliminate all forms of discrimination and promote evidence-based public discourse to shape perceptions of migration",
        "Eliminar todas as formas de discriminação e promover um discurso público baseado em evidências para moldar as percepções sobre a migração",
    ),
    (
        "Invertir en el desarrollo de aptitudes y facilitar el reconocimiento mutuo de aptitudes, cualificaciones y competencias",
        "Invest in skills development and facilitate mutual recognition of skills, qualifications and competences",
        "Investir no desenvolvimento de habilidades e facilitar o reconhecimento mútuo de habilidades, qualificações e competências",
    ),
    (
        "Crear las condiciones necesarias para que los migrantes y las diásporas puedan contribuir plenamente al desarrollo sostenible en todos los países",
        "Create conditions for migrants and diasporas to fully contribute to sustainable development in all countries",
        "Criar condições para que os migrantes e as diásporas contribuam plenamente para o desenvolvimento sustentável em todos os países",
    ),
    (
        "Promover transferencias de remesas más rápidas, seguras y económicas y fomentar la inclusión financiera de los migrantes",
        "Promote faster, safer and cheaper transfer of remittances and foster financial inclusion of migrants",
        "Promover transferências de remessas mais rápidas, seguras e baratas e fomentar a inclusão financeira dos migrantes",
    ),
    (
        "Colaborar para facilitar el regreso y la readmisión en condiciones de seguridad y dignidad, así como la reintegración sostenible",
        "Cooperate in facilitating safe and dignified return and readmission, as well as sustainable reintegration",
        "Cooperar para facilitar o retorno e a readmissão em condições de segurança e dignidade, bem como a reintegração sustentável",
    ),
    (
        "Establecer mecanismos para la portabilidad de la seguridad social y las prestaciones adquiridas",
        "Establish mechanisms for the portability of social security entitlements and earned benefits",
        "Estabelecer mecanismos para a portabilidade dos direitos de seguridade social e dos benefícios adquiridos",
    ),
    (
        "Fortalecer la cooperación internacional y las alianzas mundiales para la migración segura, ordenada y regular",
        "Strengthen international cooperation and global partnerships for safe, orderly and regular migration",
        "Fortalecer a cooperação internacional e as parcerias globais para a migração segura, ordenada e regular",
    ),
]

GCM_PRINCIPLES = [
    ("Centrado en las personas", "People-centred", "Centrado nas pessoas"),
    ("Cooperación internacional", "International cooperation", "Cooperação internacional"),
    ("Soberanía nacional", "National sovereignty", "Soberania nacional"),
    ("Estado de derecho y garantías procesales", "Rule of law and due process", "Estado de direito e devido processo legal"),
    ("Desarrollo sostenible", "Sustainable development", "Desenvolvimento sustentável"),
    ("Derechos humanos", "Human rights", "Direitos humanos"),
    ("Perspectiva de género", "Gender-responsive", "Perspectiva de gênero"),
    ("Perspectiva infantil", "Child-sensitive", "Sensível às crianças"),
    ("Enfoque pangubernamental", "Whole-of-government approach", "Abordagem de governo integral"),
    ("Enfoque pansocial", "Whole-of-society approach", "Abordagem de sociedade integral"),
]

THEMES = [
    ("integracion-socioeconomica", "Integración socioeconómica y medios de vida", "Socio-economic integration and livelihoods", "Integração socioeconômica e meios de vida"),
    ("emprendimiento", "Emprendimiento", "Entrepreneurship", "Empreendedorismo"),
    ("migracion-laboral", "Migración laboral", "Labour migration", "Migração laboral"),
    ("regularizacion", "Regularización y documentación", "Regularisation and documentation", "Regularização e documentação"),
    ("salud", "Salud", "Health", "Saúde"),
    ("educacion", "Educación", "Education", "Educação"),
    ("proteccion-vbg", "Protección y violencia basada en género", "Protection and gender-based violence", "Proteção e violência baseada em gênero"),
    ("trata-de-personas", "Lucha contra la trata de personas", "Counter-trafficking", "Enfrentamento ao tráfico de pessoas"),
    ("retorno-reintegracion", "Retorno y reintegración", "Return and reintegration", "Retorno e reintegração"),
    ("cambio-climatico", "Cambio climático y desplazamiento por desastres", "Climate change and disaster displacement", "Mudança do clima e deslocamento por desastres"),
    ("gestion-fronteras", "Gestión de fronteras", "Border management", "Gestão de fronteiras"),
    ("cohesion-social", "Cohesión social y lucha contra la xenofobia", "Social cohesion and anti-xenophobia", "Coesão social e combate à xenofobia"),
    ("datos-migratorios", "Datos sobre migración", "Migration data", "Dados sobre migração"),
    ("gobernanza-migratoria", "Gobernanza migratoria", "Migration governance", "Governança migratória"),
    ("remesas-inclusion-financiera", "Remesas e inclusión financiera", "Remittances and financial inclusion", "Remessas e inclusão financeira"),
]

POPULATIONS = [
    ("migrantes", "Personas migrantes", "Migrants", "Pessoas migrantes"),
    ("refugiados", "Personas refugiadas y solicitantes de asilo", "Refugees and asylum seekers", "Pessoas refugiadas e solicitantes de refúgio"),
    ("retornados", "Personas retornadas", "Returnees", "Pessoas retornadas"),
    ("comunidades-de-acogida", "Comunidades de acogida", "Host communities", "Comunidades de acolhida"),
    ("mujeres", "Mujeres", "Women", "Mulheres"),
    ("ninez-adolescencia", "Niñez y adolescencia", "Children and adolescents", "Crianças e adolescentes"),
    ("pueblos-indigenas", "Pueblos indígenas", "Indigenous peoples", "Povos indígenas"),
    ("lgbtiq", "Personas LGBTIQ+", "LGBTIQ+ people", "Pessoas LGBTIQ+"),
    ("discapacidad", "Personas con discapacidad", "People with disabilities", "Pessoas com deficiência"),
]


def load(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}

    def create(model_name, rows):
        model = apps.get_model("practices", model_name)
        for order, (extra, names, source_slug) in enumerate(rows):
            key = uuid.uuid4()
            for code, name in zip(LANGUAGES, names, strict=True):
                slug = source_slug if code == "es" and source_slug else slugify(name)[:255]
                model.objects.get_or_create(
                    locale=locales[code],
                    slug=slug,
                    defaults={"name": name, "translation_key": key, "sort_order": order, **extra},
                )

    create("Country", [({"code": code}, names, None) for code, *names in COUNTRIES])
    create(
        "GCMObjective",
        [({"number": n}, names, f"objetivo-{n}") for n, names in enumerate(GCM_OBJECTIVES, 1)],
    )
    create(
        "GCMPrinciple",
        [({"number": n}, names, None) for n, names in enumerate(GCM_PRINCIPLES, 1)],
    )
    create("Theme", [({}, names, slug) for slug, *names in THEMES])
    create("Population", [({}, names, slug) for slug, *names in POPULATIONS])


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0001_initial"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
