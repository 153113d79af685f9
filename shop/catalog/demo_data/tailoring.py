"""Demo products of Cooperativa Filo Dritto, the tailoring workshop in San Vittore."""

from shop.catalog.demo_data.types import Bilingual as B
from shop.catalog.demo_data.types import PersonalData as P
from shop.catalog.demo_data.types import ProductData
from shop.catalog.demo_data.types import VariantData as V
from shop.catalog.demo_data.types import label as L

COOP = "filo-dritto"
CATEGORY = "abbigliamento-accessori"
GOODS = 2200

PRODUCTS: tuple[ProductData, ...] = (
    ProductData(
        slug="grembiule-canapa", cooperative=COOP, category=CATEGORY,
        name=B("Grembiule da cucina in canapa", "Hemp kitchen apron"),
        description=B(
            "Un grembiule robusto a pettorina, con due tasche capienti e lacci lunghi che si "
            "annodano davanti. La canapa si ammorbidisce a ogni lavaggio e resiste a macchie e "
            "calore. Taglia unica, regolabile al collo.",
            "A sturdy bib apron with two roomy pockets and long ties that knot at the front. "
            "Hemp softens with every wash and stands up to stains and heat. One size, "
            "adjustable at the neck."),
        origin_story=B(
            "Lo tagliamo da scampoli di tela di canapa che una tessitura del Biellese non può "
            "più vendere: pezze troppo corte per i suoi clienti, perfette per noi. Ogni "
            "grembiule passa per tre mani nel laboratorio di San Vittore, dal taglio alla "
            "cucitura delle tasche alla ribattitura dei bordi. Con la vendita di un grembiule "
            "paghiamo un'ora e mezza di lavoro con un regolare contratto.",
            "We cut it from hemp canvas remnants that a mill near Biella can no longer sell: "
            "pieces too short for its customers, perfect for us. Each apron passes through "
            "three pairs of hands in the San Vittore workshop, from cutting to pocket "
            "stitching to the final topstitching. Selling one apron pays for an hour and a "
            "half of work under a proper contract."),
        materials=B("canapa, cotone riciclato (lacci)", "hemp, recycled cotton (ties)"),
        vat_rate_bp=GOODS,
        variants=(
            V("FD-APR-BLU", L("Blu", "Blue"), 3200, 350, 18, 4),
            V("FD-APR-NAT", L("Naturale", "Natural"), 3200, 350, 12),
            V("FD-APR-SAL", L("Verde salvia", "Sage green"), 3200, 350, 0),
        ),
        impact_minutes_per_unit=90, recovered_grams_per_unit=280, age_days=150,
        motif="apron", tint="blue", featured=True, extra_images=1),
    ProductData(
        slug="tote-bag-tela", cooperative=COOP, category=CATEGORY,
        name=B("Tote bag in tela", "Canvas tote bag"),
        description=B(
            "La borsa di tela per tutti i giorni: manici lunghi da portare in spalla, tasca "
            "interna e cuciture rinforzate agli angoli. Tiene la spesa, i libri o il computer. "
            "Misura 38 × 42 cm.",
            "The everyday canvas bag: long handles to carry on the shoulder, an inside pocket "
            "and reinforced corner seams. It holds the shopping, books or a laptop. Measures "
            "38 × 42 cm."),
        origin_story=B(
            "La tela arriva dalle rimanenze di una tappezzeria milanese: teli di cotone pesante "
            "tinti in capo, che a San Vittore diventano borse. I manici sono doppiati e "
            "ribattuti due volte, perché una borsa della spesa deve reggere. Ogni tote bag "
            "paga tre quarti d'ora di lavoro a chi la cuce.",
            "The canvas comes from the leftover stock of a Milan upholsterer: heavy "
            "piece-dyed cotton that becomes bags in San Vittore. The handles are doubled and "
            "topstitched twice, because a shopping bag has to hold. Each tote pays for "
            "forty-five minutes of work to the person who sews it."),
        materials=B("tela di cotone di recupero", "recovered cotton canvas"),
        vat_rate_bp=GOODS,
        variants=(
            V("FD-TOT-BLU", L("Blu", "Blue"), 1800, 220, 30, 6),
            V("FD-TOT-NAT", L("Naturale", "Natural"), 1800, 220, 25, 5),
            V("FD-TOT-RED", L("Rosso mattone", "Brick red"), 1800, 220, 0),
        ),
        impact_minutes_per_unit=45, recovered_grams_per_unit=240, age_days=40,
        motif="tote", tint="blue", featured=True),
    ProductData(
        slug="borsa-juta-sacchi-caffe", cooperative=COOP, category=CATEGORY,
        name=B("Borsa in juta dei sacchi del caffè", "Coffee-sack jute bag"),
        description=B(
            "Una borsa capiente ricavata dai sacchi di juta in cui viaggia il caffè crudo: le "
            "scritte dei paesi d'origine restano in vista, quindi ogni pezzo è diverso. "
            "Foderata in cotone, con manici in cinghia. Perfetta per il mercato.",
            "A roomy bag made from the jute sacks that green coffee travels in: the printed "
            "lettering from the countries of origin stays visible, so every piece is "
            "different. Cotton-lined, with webbing handles. Perfect for the market."),
        origin_story=B(
            "Una torrefazione di Milano ci regala i sacchi del caffè vuoti, che altrimenti "
            "finirebbero tra i rifiuti. In laboratorio li apriamo, li laviamo e scegliamo la "
            "parte più bella della stampa da mettere sul davanti. Ogni borsa recupera circa "
            "400 grammi di juta e paga un'ora di lavoro.",
            "A Milan coffee roaster gives us its empty coffee sacks, which would otherwise be "
            "thrown away. In the workshop we open them, wash them and choose the best part of "
            "the print for the front. Each bag recovers about 400 grams of jute and pays for "
            "an hour of work."),
        materials=B("juta dei sacchi del caffè, fodera in cotone",
                    "jute from coffee sacks, cotton lining"),
        vat_rate_bp=GOODS,
        variants=(V("FD-JUT-ONE", L("Taglia unica", "One size"), 2400, 450, 14, 3),),
        impact_minutes_per_unit=60, recovered_grams_per_unit=400, age_days=95,
        motif="sack", tint="jute"),
    ProductData(
        slug="astuccio-tela", cooperative=COOP, category=CATEGORY,
        name=B("Astuccio in tela con zip", "Zip canvas pencil case"),
        description=B(
            "Un astuccio piatto con cerniera in metallo e fodera a contrasto: per matite, "
            "trucchi o cavi del telefono. Misura 22 × 12 cm e si lava in lavatrice a 30 gradi.",
            "A flat pencil case with a metal zip and a contrasting lining: for pencils, "
            "make-up or phone cables. Measures 22 × 12 cm and is machine washable at 30 "
            "degrees."),
        origin_story=B(
            "Nasce dai ritagli delle borse: i pezzi di tela troppo piccoli per una tote bag "
            "hanno la misura giusta per un astuccio. È spesso il primo lavoro affidato a chi "
            "ha appena finito il corso, perché insegna a montare una cerniera dritta. Ogni "
            "astuccio paga mezz'ora di lavoro.",
            "It is made from the offcuts of our bags: pieces of canvas too small for a tote "
            "are just the right size for a pencil case. It is often the first job given to "
            "someone who has just finished the course, because it teaches how to set a "
            "straight zip. Each case pays for half an hour of work."),
        materials=B("tela di cotone di recupero, zip in metallo",
                    "recovered cotton canvas, metal zip"),
        vat_rate_bp=GOODS,
        variants=(
            V("FD-PCS-BLU", L("Blu", "Blue"), 1200, 80, 22),
            V("FD-PCS-OCH", L("Ocra", "Ochre"), 1200, 80, 16),
        ),
        impact_minutes_per_unit=30, recovered_grams_per_unit=60, age_days=120,
        motif="pouch", tint="ochre"),
    ProductData(
        slug="t-shirt-ricamata", cooperative=COOP, category=CATEGORY,
        name=B("T-shirt in cotone biologico ricamata", "Embroidered organic cotton T-shirt"),
        description=B(
            "Una maglietta girocollo in cotone biologico, con un piccolo ago e filo ricamato "
            "in blu sul petto. Vestibilità regolare, unisex. Lavare al rovescio.",
            "A crew-neck T-shirt in organic cotton with a small needle-and-thread motif "
            "embroidered in blue on the chest. Regular unisex fit. Wash inside out."),
        origin_story=B(
            "Le magliette arrivano neutre da un fornitore certificato; il ricamo lo facciamo "
            "noi, con la macchina da ricamo che il laboratorio ha ricevuto in dono nel 2019. "
            "Serve precisione: il telaio va centrato al millimetro. Ogni maglietta paga "
            "quaranta minuti di lavoro.",
            "The T-shirts arrive plain from a certified supplier; we do the embroidery "
            "ourselves on the machine the workshop was given in 2019. It takes precision: the "
            "hoop has to be centred to the millimetre. Each T-shirt pays for forty minutes of "
            "work."),
        materials=B("cotone biologico certificato GOTS", "GOTS-certified organic cotton"),
        vat_rate_bp=GOODS,
        variants=(
            V("FD-TSH-S", L("S"), 2500, 180, 8),
            V("FD-TSH-M", L("M"), 2500, 190, 14),
            V("FD-TSH-L", L("L"), 2500, 200, 12),
            V("FD-TSH-XL", L("XL"), 2500, 210, 4),
        ),
        impact_minutes_per_unit=40, recovered_grams_per_unit=0, age_days=20,
        motif="tshirt", tint="natural"),
    ProductData(
        slug="sacca-portapane-lino", cooperative=COOP, category=CATEGORY,
        name=B("Sacca portapane in lino", "Linen bread bag"),
        description=B(
            "Una sacca con coulisse per conservare il pane: il lino lo lascia respirare e lo "
            "mantiene fragrante più a lungo della plastica. Misura 30 × 40 cm, abbastanza per "
            "una pagnotta o due baguette.",
            "A drawstring bag for keeping bread: linen lets it breathe and keeps it fresh for "
            "longer than plastic. Measures 30 × 40 cm, enough for a loaf or two baguettes."),
        origin_story=B(
            "Il lino viene da tovaglie d'albergo dismesse, ancora belle ma non più perfette "
            "per un ristorante: le laviamo, tagliamo via le parti rovinate e recuperiamo il "
            "resto. La sacca è nata insieme al forno della cooperativa Lievito Madre, che ci "
            "mette dentro le sue pagnotte. Ogni sacca paga trentacinque minuti di lavoro.",
            "The linen comes from retired hotel tablecloths, still lovely but no longer "
            "perfect for a restaurant: we wash them, cut away the worn parts and save the "
            "rest. The bag was born together with the Lievito Madre bakery, which puts its "
            "loaves in it. Each bag pays for thirty-five minutes of work."),
        materials=B("lino di recupero, cordino in cotone", "recovered linen, cotton cord"),
        vat_rate_bp=GOODS,
        variants=(V("FD-BRD-NAT", L("Naturale", "Natural"), 1500, 120, 20),),
        impact_minutes_per_unit=35, recovered_grams_per_unit=110, age_days=75,
        motif="sack", tint="natural"),
    ProductData(
        slug="canovacci-righe", cooperative=COOP, category=CATEGORY,
        name=B("Canovacci a righe, set di 2", "Striped tea towels, set of 2"),
        description=B(
            "Due canovacci a righe in misto lino e cotone, con passante per appenderli. "
            "Asciugano bene e non lasciano pelucchi sui bicchieri. Misurano 50 × 70 cm.",
            "Two striped tea towels in a linen and cotton blend, with a loop for hanging. "
            "They dry well and leave no lint on glasses. Each measures 50 × 70 cm."),
        origin_story=B(
            "Il tessuto a righe lo compriamo a metraggio da una tessitura della Val Seriana "
            "che lavora ancora su telai tradizionali. A San Vittore lo tagliamo, orliamo i "
            "quattro lati e cuciamo il passante. È un lavoro semplice, che però insegna il "
            "ritmo della produzione in serie. Ogni set paga mezz'ora di lavoro.",
            "We buy the striped cloth by the metre from a weaving mill in the Seriana valley "
            "that still works on traditional looms. In San Vittore we cut it, hem all four "
            "sides and sew on the loop. It is simple work, but it teaches the rhythm of batch "
            "production. Each set pays for half an hour of work."),
        materials=B("50% lino, 50% cotone", "50% linen, 50% cotton"),
        vat_rate_bp=GOODS,
        variants=(
            V("FD-TWL-BLU", L("Righe blu", "Blue stripes"), 1400, 200, 26, 5),
            V("FD-TWL-RED", L("Righe rosse", "Red stripes"), 1400, 200, 15),
        ),
        impact_minutes_per_unit=30, recovered_grams_per_unit=0, age_days=200,
        motif="towel", tint="blue"),
    ProductData(
        slug="grembiule-personalizzato", cooperative=COOP, category=CATEGORY,
        name=B("Grembiule da lavoro personalizzato", "Personalised work apron"),
        description=B(
            "Il nostro grembiule a pettorina con un ricamo a scelta: un nome, un logo semplice "
            "o una scritta breve, fino a 25 caratteri. Ideale per ristoranti, botteghe e "
            "regali aziendali. Dopo l'ordine vi scriviamo per concordare il testo.",
            "Our bib apron with the embroidery of your choice: a name, a simple logo or a "
            "short line of up to 25 characters. Ideal for restaurants, shops and corporate "
            "gifts. After you order, we write to agree the wording with you."),
        origin_story=B(
            "Ogni pezzo è cucito su ordinazione: tagliamo la canapa, cuciamo il grembiule e "
            "poi lo passiamo alla macchina da ricamo con il vostro disegno. Per i loghi "
            "ricamiamo una prova su un ritaglio e ve la mandiamo in foto prima di procedere. "
            "Ogni grembiule personalizzato paga due ore di lavoro.",
            "Each one is sewn to order: we cut the hemp, sew the apron and then put it under "
            "the embroidery machine with your design. For logos we stitch a test on an offcut "
            "and send you a photo before going ahead. Each personalised apron pays for two "
            "hours of work."),
        materials=B("canapa, cotone riciclato, filo da ricamo in poliestere riciclato",
                    "hemp, recycled cotton, recycled polyester embroidery thread"),
        vat_rate_bp=GOODS,
        variants=(
            V("FD-APP-BLU", L("Blu", "Blue"), 3900, 400),
            V("FD-APP-CHA", L("Antracite", "Charcoal"), 3900, 400),
        ),
        impact_minutes_per_unit=120, recovered_grams_per_unit=280, age_days=60,
        motif="apron", tint="charcoal", made_to_order=True, lead_time_days=12,
        extra_images=1, personal=P(text_kind="embroidery", text_max=25, text_required=True)),
    ProductData(
        slug="fodera-cuscino-jeans", cooperative=COOP, category=CATEGORY,
        name=B("Fodera per cuscino in jeans recuperato", "Recycled denim cushion cover"),
        description=B(
            "Una fodera patchwork fatta di riquadri di jeans in tonalità diverse, con "
            "chiusura a bottoni sul retro. Ogni fodera è unica. Imbottitura non inclusa.",
            "A patchwork cover made of denim squares in different shades, with a button "
            "closure at the back. Every cover is unique. Cushion pad not included."),
        origin_story=B(
            "Raccogliamo jeans usati attraverso le parrocchie e le scuole del quartiere: "
            "quelli ancora portabili vanno a un guardaroba solidale, gli altri arrivano a noi. "
            "Smontarli, scegliere i toni e comporre il patchwork richiede pazienza e occhio. "
            "Ogni fodera recupera circa due paia di jeans e paga più di un'ora di lavoro.",
            "We collect used jeans through local parishes and schools: those still wearable "
            "go to a community wardrobe, the rest come to us. Taking them apart, choosing the "
            "shades and laying out the patchwork takes patience and a good eye. Each cover "
            "recovers about two pairs of jeans and pays for more than an hour of work."),
        materials=B("denim di recupero, bottoni in corozo", "recovered denim, corozo buttons"),
        vat_rate_bp=GOODS,
        variants=(
            V("FD-CUS-40", L("40 × 40 cm"), 2800, 250, 9),
            V("FD-CUS-50", L("50 × 50 cm"), 3200, 300, 0),
        ),
        impact_minutes_per_unit=75, recovered_grams_per_unit=350, age_days=130,
        motif="cushion", tint="denim"),
)
