"""Demo products of Cooperativa Radici Nuove, the greenhouses and nursery in Bollate.

VAT by Italian law: live ornamental plants 10%; pots, planters and accessories 22%.
"""

from shop.catalog.demo_data.types import Bilingual as B
from shop.catalog.demo_data.types import ProductData
from shop.catalog.demo_data.types import VariantData as V
from shop.catalog.demo_data.types import label as L

COOP = "radici-nuove"
CATEGORY = "piante-giardino"
LIVE_PLANT = 1000
GOODS = 2200

PRODUCTS: tuple[ProductData, ...] = (
    ProductData(
        slug="pianta-grassa-vasetto", cooperative=COOP, category=CATEGORY,
        name=B("Pianta grassa in vasetto di terracotta", "Succulent in a terracotta pot"),
        description=B(
            "Una piccola pianta grassa coltivata da talea, in un vasetto di terracotta da 8 "
            "centimetri. Chiede poca acqua, molta luce e quasi nessuna attenzione: la "
            "compagna ideale per una scrivania.",
            "A small succulent grown from a cutting, in an 8 cm terracotta pot. It needs "
            "little water, plenty of light and almost no attention: the ideal desk "
            "companion."),
        origin_story=B(
            "Ogni pianta nasce da una foglia o da un rametto staccato da una pianta madre, "
            "nelle serre di Bollate. Ci vogliono da sei mesi a un anno perché sia abbastanza "
            "robusta da partire. Amina controlla le talee ogni giorno e decide quando sono "
            "pronte per il vaso. Ogni pianta paga un quarto d'ora di lavoro.",
            "Each plant starts from a leaf or a sprig taken from a mother plant, in the "
            "Bollate greenhouses. It takes six months to a year before it is strong enough to "
            "leave. Amina checks the cuttings every day and decides when they are ready for a "
            "pot. Each plant pays for a quarter of an hour of work."),
        materials=B("pianta viva, terriccio per succulente, vaso in terracotta",
                    "live plant, succulent compost, terracotta pot"),
        vat_rate_bp=LIVE_PLANT,
        variants=(
            V("RN-SUC-ECH", L("Echeveria"), 900, 450, 30, 8),
            V("RN-SUC-HAW", L("Haworthia"), 900, 450, 24),
            V("RN-SUC-CRA", L("Crassula"), 900, 450, 18),
        ),
        impact_minutes_per_unit=15, recovered_grams_per_unit=0, age_days=158,
        motif="succulent", tint="leaf", featured=True, extra_images=1),
    ProductData(
        slug="lavanda-vaso", cooperative=COOP, category=CATEGORY,
        name=B("Lavanda in vaso", "Potted lavender"),
        description=B(
            "Una lavanda angustifolia rustica e profumatissima, che fiorisce da giugno ad "
            "agosto. Ama il sole pieno e il terreno asciutto, e sopporta bene l'inverno "
            "milanese. Sul balcone attira api e farfalle.",
            "A hardy, highly fragrant English lavender that flowers from June to August. It "
            "loves full sun and dry soil, and copes well with a Milan winter. On a balcony it "
            "draws bees and butterflies."),
        origin_story=B(
            "Le piantine nascono da seme nella serra di Bollate e crescono all'aperto lungo "
            "il muro di cinta, dove il sole batte tutto il giorno. A fine estate raccogliamo i "
            "fiori per i sacchetti profumati della sartoria. Ogni vaso paga venti minuti di "
            "lavoro.",
            "The seedlings are raised from seed in the Bollate greenhouse and grown on "
            "outdoors along the perimeter wall, where the sun shines all day. At the end of "
            "summer we harvest the flowers for the tailors' scented sachets. Each pot pays for "
            "twenty minutes of work."),
        materials=B("pianta viva, vaso in plastica riciclata", "live plant, recycled plastic pot"),
        vat_rate_bp=LIVE_PLANT,
        variants=(
            V("RN-LAV-14", L("Vaso 14 cm", "14 cm pot"), 1200, 900, 20),
            V("RN-LAV-18", L("Vaso 18 cm", "18 cm pot"), 1800, 1600, 12),
        ),
        impact_minutes_per_unit=20, recovered_grams_per_unit=0, age_days=28,
        motif="lavender", tint="lavender"),
    ProductData(
        slug="trio-aromatiche", cooperative=COOP, category=CATEGORY,
        name=B("Trio di aromatiche: basilico, salvia, rosmarino",
               "Herb trio: basil, sage, rosemary"),
        description=B(
            "Tre piantine aromatiche in vasi da 12 centimetri, pronte per il davanzale della "
            "cucina. Coltivate senza pesticidi chimici, con terriccio e concimi ammessi in "
            "agricoltura biologica.",
            "Three herb plants in 12 cm pots, ready for the kitchen windowsill. Grown without "
            "chemical pesticides, with compost and fertilisers permitted in organic farming."),
        origin_story=B(
            "Le aromatiche sono la prima coltura che si impara nella serra di Bollate: semina, "
            "trapianto, annaffiatura, cimatura. Una parte del raccolto va al forno di Opera, "
            "che usa il nostro rosmarino nei grissini del sabato. Ogni trio paga venticinque "
            "minuti di lavoro.",
            "Herbs are the first crop everyone learns in the Bollate greenhouse: sowing, "
            "pricking out, watering, pinching out. Part of the harvest goes to the Opera "
            "bakery, which uses our rosemary in its Saturday grissini. Each trio pays for "
            "twenty-five minutes of work."),
        materials=B("piante vive, terriccio biologico, vasi in plastica riciclata",
                    "live plants, organic compost, recycled plastic pots"),
        vat_rate_bp=LIVE_PLANT,
        variants=(V("RN-HRB-TRIO", L("Trio"), 1500, 1500, 16, 3),),
        impact_minutes_per_unit=25, recovered_grams_per_unit=0, age_days=12,
        motif="herbs", tint="leaf"),
    ProductData(
        slug="pothos-vaso-sospeso", cooperative=COOP, category=CATEGORY,
        name=B("Pothos in vaso sospeso", "Pothos in a hanging pot"),
        description=B(
            "Una pianta ricadente dalle foglie a cuore, verdi e gialle, in un vaso appeso a "
            "una sospensione in macramè. Cresce anche con poca luce e perdona qualche "
            "annaffiatura dimenticata.",
            "A trailing plant with heart-shaped green and yellow leaves, in a pot hung from a "
            "macramé hanger. It grows even in low light and forgives the odd forgotten "
            "watering."),
        origin_story=B(
            "Le talee di pothos mettono radici in acqua sui davanzali della serra di Bollate; "
            "il macramè è annodato a mano con il filo di cotone avanzato alla sartoria di San "
            "Vittore. Ogni pianta paga trentacinque minuti di lavoro.",
            "The pothos cuttings root in water on the greenhouse windowsills at Bollate; the "
            "macramé is knotted by hand from cotton thread left over by the San Vittore "
            "tailors. Each plant pays for thirty-five minutes of work."),
        materials=B("pianta viva, vaso in terracotta, macramè in cotone di recupero",
                    "live plant, terracotta pot, recovered cotton macramé"),
        vat_rate_bp=LIVE_PLANT,
        variants=(V("RN-PTH-ONE", L("Standard"), 1900, 1300, 10),),
        impact_minutes_per_unit=35, recovered_grams_per_unit=40, age_days=73,
        motif="trailing", tint="leaf"),
    ProductData(
        slug="kokedama-felce", cooperative=COOP, category=CATEGORY,
        name=B("Kokedama di felce", "Fern kokedama"),
        description=B(
            "Una felce con le radici avvolte in una sfera di muschio e terra, legata con lo "
            "spago: un giardino in miniatura da appoggiare su un piattino o da appendere. Si "
            "annaffia immergendo la sfera in acqua per dieci minuti, una volta alla settimana.",
            "A fern with its roots wrapped in a ball of moss and soil, bound with twine: a "
            "miniature garden to set on a saucer or hang up. Water it by soaking the ball for "
            "ten minutes, once a week."),
        origin_story=B(
            "La tecnica è giapponese e l'abbiamo imparata in un corso tenuto in serra da una "
            "vivaista volontaria. Impastare la terra, avvolgere il muschio e legare lo spago "
            "senza stringere troppo richiede mani pazienti. Ogni kokedama paga quaranta "
            "minuti di lavoro.",
            "The technique is Japanese, and we learned it on a course given in the greenhouse "
            "by a volunteer nursery grower. Mixing the soil, wrapping the moss and tying the "
            "twine without pulling too tight takes patient hands. Each kokedama pays for forty "
            "minutes of work."),
        materials=B("pianta viva, muschio, terra argillosa, spago di juta",
                    "live plant, moss, clay soil, jute twine"),
        vat_rate_bp=LIVE_PLANT,
        variants=(V("RN-KOK-ONE", L("Standard"), 2200, 700, 8),),
        impact_minutes_per_unit=40, recovered_grams_per_unit=0, age_days=105,
        motif="kokedama", tint="leaf"),
    ProductData(
        slug="olivo-in-vaso", cooperative=COOP, category=CATEGORY,
        name=B("Giovane olivo in vaso", "Young olive tree in a pot"),
        description=B(
            "Un olivo di tre anni, alto circa 70 centimetri, con il fusto già ben formato. "
            "Sta bene in terrazza tutto l'anno e in inverno sopporta qualche grado sotto "
            "zero. Un regalo che dura decenni.",
            "A three-year-old olive tree, about 70 cm tall, with a well-formed trunk. It is "
            "happy on a terrace all year round and can take a few degrees of frost in winter. "
            "A gift that lasts for decades."),
        origin_story=B(
            "Gli olivi crescono nella serra di Bollate da talee semilegnose e passano il terzo "
            "anno all'aperto, per abituarsi al clima lombardo. Potarli e dare loro forma è il "
            "lavoro del vivaio che richiede più esperienza. Ogni olivo paga un'ora di lavoro.",
            "The olive trees are grown from semi-ripe cuttings in the Bollate greenhouse and "
            "spend their third year outdoors, to get used to the Lombard climate. Pruning and "
            "shaping them is the nursery job that takes the most experience. Each tree pays "
            "for an hour of work."),
        materials=B("pianta viva, terriccio, vaso in plastica riciclata",
                    "live plant, compost, recycled plastic pot"),
        vat_rate_bp=LIVE_PLANT,
        variants=(V("RN-OLV-20", L("Vaso 20 cm", "20 cm pot"), 3400, 4000, 6),),
        impact_minutes_per_unit=60, recovered_grams_per_unit=0, age_days=145,
        motif="tree", tint="olive"),
    ProductData(
        slug="vaso-terracotta-dipinto", cooperative=COOP, category=CATEGORY,
        name=B("Vaso in terracotta dipinto a mano", "Hand-painted terracotta pot"),
        description=B(
            "Un vaso in terracotta dell'Impruneta decorato a mano con motivi geometrici in tre "
            "colori, con foro di drenaggio e sottovaso. Le pitture sono atossiche e resistenti "
            "all'acqua. Pianta non inclusa.",
            "An Impruneta terracotta pot hand-painted with geometric patterns in three "
            "colours, with a drainage hole and saucer. The paints are non-toxic and "
            "water-resistant. Plant not included."),
        origin_story=B(
            "Nei mesi freddi, quando in serra c'è meno da fare, il laboratorio di Bollate "
            "diventa un atelier di pittura. Ogni vaso viene carteggiato, dipinto a pennello e "
            "protetto con due mani di finitura. Ogni vaso paga tre quarti d'ora di lavoro.",
            "In the cold months, when there is less to do in the greenhouse, the Bollate "
            "workshop turns into a painting studio. Each pot is sanded, painted by brush and "
            "sealed with two coats of finish. Each pot pays for forty-five minutes of work."),
        materials=B("terracotta, pitture acriliche atossiche",
                    "terracotta, non-toxic acrylic paints"),
        vat_rate_bp=GOODS,
        variants=(
            V("RN-VAS-S", L("Piccolo, 12 cm", "Small, 12 cm"), 1400, 600, 18),
            V("RN-VAS-M", L("Medio, 18 cm", "Medium, 18 cm"), 2200, 1200, 10),
        ),
        impact_minutes_per_unit=45, recovered_grams_per_unit=0, age_days=80,
        motif="pot", tint="terracotta", extra_images=1),
    ProductData(
        slug="cassetta-aromatiche", cooperative=COOP, category=CATEGORY,
        name=B("Cassetta per aromatiche in legno di recupero", "Reclaimed wood herb planter"),
        description=B(
            "Una cassetta da davanzale lunga 50 centimetri, con telo interno drenante, pronta "
            "per accogliere tre piantine aromatiche. La finitura all'olio naturale la protegge "
            "dalla pioggia. Piante non incluse.",
            "A 50 cm windowsill planter with a draining liner, ready for three herb plants. A "
            "natural oil finish protects it from the rain. Plants not included."),
        origin_story=B(
            "Le assi di abete vengono dai bancali che la falegnameria Venature di Opera non "
            "riesce a usare per i mobili; noi le tagliamo e le montiamo in serra, a Bollate. "
            "Il telo interno è ricavato da vecchi sacchi di terriccio. Ogni cassetta paga più "
            "di un'ora di lavoro.",
            "The fir boards come from pallets the Venature carpenters at Opera cannot use for "
            "furniture; we cut them and put them together in the greenhouse at Bollate. The "
            "liner is made from old compost bags. Each planter pays for more than an hour of "
            "work."),
        materials=B("abete di bancali recuperati, telo in polietilene riciclato, olio naturale",
                    "fir from reclaimed pallets, recycled polythene liner, natural oil"),
        vat_rate_bp=GOODS,
        variants=(V("RN-CRT-50", L("50 cm"), 2600, 1800, 9),),
        impact_minutes_per_unit=70, recovered_grams_per_unit=1200, age_days=22,
        motif="crate", tint="pine"),
    ProductData(
        slug="centrotavola-piante-grasse", cooperative=COOP, category=CATEGORY,
        name=B("Centrotavola di piante grasse su misura",
               "Made-to-order succulent centrepiece"),
        description=B(
            "Una composizione di piante grasse in una ciotola bassa, pensata per una tavola, "
            "un bancone o una reception. Diteci i colori e l'occasione: matrimoni, "
            "inaugurazioni, eventi aziendali. Prima della consegna vi mandiamo una foto.",
            "An arrangement of succulents in a low bowl, designed for a table, a counter or a "
            "reception desk. Tell us the colours and the occasion: weddings, openings, "
            "corporate events. We send you a photo before delivery."),
        origin_story=B(
            "Ogni composizione è diversa: in serra scegliamo, fra le piante pronte, quelle più "
            "adatte per forma e colore. Comporla richiede pazienza e gusto: a Bollate se ne "
            "occupano a turno le persone con più esperienza. Ogni centrotavola paga un'ora e "
            "mezza di lavoro.",
            "Every arrangement is different: in the greenhouse we choose, from the plants "
            "that are ready, those best suited in shape and colour. Putting it together takes "
            "patience and taste, and at Bollate the most experienced people take turns at it. "
            "Each centrepiece pays for an hour and a half of work."),
        materials=B("piante vive, ciotola in ceramica, ghiaia decorativa",
                    "live plants, ceramic bowl, decorative gravel"),
        vat_rate_bp=LIVE_PLANT,
        variants=(
            V("RN-CTR-S", L("Piccolo", "Small"), 3500, 1500),
            V("RN-CTR-L", L("Grande", "Large"), 5500, 3000),
        ),
        impact_minutes_per_unit=90, recovered_grams_per_unit=0, age_days=52,
        motif="centerpiece", tint="leaf", made_to_order=True, lead_time_days=7),
)
